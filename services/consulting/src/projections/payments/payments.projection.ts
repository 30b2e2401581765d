import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { POINTS_PAYMENT_EVENT_TYPES, paymentStreamPrefix, type PointsPaymentEvent } from '../../domain/payment/points-payment.events';

/** One row per points payment: what a booking shows, and the resume job's worklist. */
export const PAYMENTS_TABLE = 'consulting_payments';
/** Beside it (one row per payment): the hold and the amounts of a (partial) capture. */
export const PAYMENT_TERMS_TABLE = 'consulting_payment_terms';
/** Payments refused after delivery: the points owed, recorded as the payer's debt at points once `recorded`. */
export const PAYMENT_DEBTS_TABLE = 'consulting_payment_debts';

export interface PaymentRow {
  payment_id: string;
  kind: string;
  interview_id: string | null;
  meeting_id: string | null;
  participant_id: string | null;
  payer_id: string;
  item_id: string;
  status: string;
  settle_outcome: string | null;
  refund_owed_percent: number;
  reservation_id: string | null;
  points: number | null;
  failure_code: string | null;
  updated_at: string;
  hold_until: string | null;
  capture_percent: number | null;
  captured_points: number | null;
  released_points: number | null;
  debt_points: number | null;
}

/** A payment row with its terms, as `toPayment` reads it. */
export const PAYMENT_SELECT = `SELECT p.*, t.hold_until, t.capture_percent, t.captured_points, t.released_points, d.debt_points FROM ${PAYMENTS_TABLE} p LEFT JOIN ${PAYMENT_TERMS_TABLE} t ON t.payment_id = p.payment_id LEFT JOIN ${PAYMENT_DEBTS_TABLE} d ON d.payment_id = p.payment_id`;

export const paymentsProjection: SqlProjection = {
  name: 'consulting_payments',
  // v2: the terms table (hold, partial capture). v3: the debts table (refused after delivery).
  version: 3,
  schema: `
    CREATE TABLE IF NOT EXISTS ${PAYMENTS_TABLE} (
      payment_id TEXT PRIMARY KEY, kind TEXT NOT NULL, interview_id TEXT, meeting_id TEXT, participant_id TEXT,
      payer_id TEXT NOT NULL, item_id TEXT NOT NULL, status TEXT NOT NULL, settle_outcome TEXT, refund_owed_percent INTEGER NOT NULL DEFAULT 0,
      reservation_id TEXT, points INTEGER, failure_code TEXT, updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS consulting_payments_status ON ${PAYMENTS_TABLE} (status);
    CREATE INDEX IF NOT EXISTS consulting_payments_interview ON ${PAYMENTS_TABLE} (interview_id);
    CREATE INDEX IF NOT EXISTS consulting_payments_seat ON ${PAYMENTS_TABLE} (meeting_id, participant_id);
    CREATE TABLE IF NOT EXISTS ${PAYMENT_TERMS_TABLE} (
      payment_id TEXT PRIMARY KEY, hold_until TEXT, capture_percent INTEGER, captured_points INTEGER, released_points INTEGER
    );
    CREATE TABLE IF NOT EXISTS ${PAYMENT_DEBTS_TABLE} (payment_id TEXT PRIMARY KEY, debt_points INTEGER NOT NULL);
  `,
  tables: [PAYMENTS_TABLE, PAYMENT_TERMS_TABLE, PAYMENT_DEBTS_TABLE],
  filter: { streamPrefixes: [paymentStreamPrefix], eventTypes: POINTS_PAYMENT_EVENT_TYPES },
  apply(db, recorded: RecordedEvent) {
    const e = { type: recorded.type, data: recorded.data } as PointsPaymentEvent;
    const set = (columns: Record<string, string | number | null>) => {
      const names = Object.keys(columns);
      db.prepare(`UPDATE ${PAYMENTS_TABLE} SET ${[...names.map((n) => `${n} = @${n}`), 'updated_at = @at'].join(', ')} WHERE payment_id = @id`).run({ ...columns, at: e.data.at, id: e.data.paymentId });
    };
    const terms = (columns: Record<string, string | number | null>) => {
      const names = Object.keys(columns);
      db.prepare(
        `INSERT INTO ${PAYMENT_TERMS_TABLE} (payment_id, ${names.join(', ')}) VALUES (@id, ${names.map((n) => `@${n}`).join(', ')})
         ON CONFLICT(payment_id) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}`,
      ).run({ ...columns, id: e.data.paymentId });
    };
    switch (e.type) {
      case 'PointsPaymentOpened': {
        const d = e.data;
        const p = d.purpose;
        db.prepare(
          `INSERT OR IGNORE INTO ${PAYMENTS_TABLE} (payment_id, kind, interview_id, meeting_id, participant_id, payer_id, item_id, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'reserving', ?)`,
        ).run(d.paymentId, p.kind, p.kind === 'interview' ? p.interviewId : null, p.kind === 'seat' ? p.meetingId : null, p.kind === 'seat' ? p.participantId : null, d.payerId, d.itemId, d.at);
        return terms({ hold_until: d.holdUntil ?? null });
      }
      case 'PointsReserved':
        return set({ status: 'reserved', reservation_id: e.data.reservationId, points: e.data.points });
      case 'PointsReservationRefused':
        return set({ status: 'refused', failure_code: e.data.code });
      case 'PointsPaymentSettling':
        set({ settle_outcome: e.data.outcome, refund_owed_percent: e.data.refundOwedPercent ?? 0 });
        return terms({ capture_percent: e.data.capturePercent ?? (e.data.outcome === 'capture' ? 100 : 0) });
      case 'PointsReservationLapsed':
        return set({ status: 'reserving' });
      case 'PointsCaptured':
        set({ status: 'captured' });
        return terms({ captured_points: e.data.points, released_points: e.data.released ?? 0 });
      case 'PointsReleased':
        return set({ status: 'released' });
      case 'PointsPaymentFailed':
        return set({ status: 'failed', failure_code: e.data.code });
      case 'PointsPaymentOwed':
        set({ status: 'owed', failure_code: e.data.code });
        db.prepare(`INSERT OR REPLACE INTO ${PAYMENT_DEBTS_TABLE} (payment_id, debt_points) VALUES (?, ?)`).run(e.data.paymentId, e.data.points);
        return;
      case 'PointsDebtRecorded':
        return set({ status: 'debt' });
    }
  },
};

export const toPayment = (r: PaymentRow) => ({
  paymentId: r.payment_id,
  payerId: r.payer_id,
  itemId: r.item_id,
  status: r.status,
  points: r.points,
  reservationId: r.reservation_id,
  settling: r.settle_outcome,
  holdUntil: r.hold_until,
  capturePercent: r.capture_percent,
  capturedPoints: r.captured_points,
  releasedPoints: r.released_points,
  /** Only on payments settled before partial capture existed: captured in full, this refund left to an operator. */
  refundOwedPercent: r.refund_owed_percent,
  failureCode: r.failure_code,
  /** Only on payments refused after delivery: the points owed, the payer's debt at points once `status` is `debt`. */
  ...(r.debt_points !== null ? { debtPoints: r.debt_points } : {}),
});
