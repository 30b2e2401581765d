import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { POINTS_PAYMENT_EVENT_TYPES, paymentStreamPrefix, type PointsPaymentEvent } from '../../domain/payment/points-payment.events';

/** One row per points payment: what a booking shows, and the resume job's worklist. */
export const PAYMENTS_TABLE = 'consulting_payments';

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
}

export const paymentsProjection: SqlProjection = {
  name: 'consulting_payments',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS ${PAYMENTS_TABLE} (
      payment_id TEXT PRIMARY KEY, kind TEXT NOT NULL, interview_id TEXT, meeting_id TEXT, participant_id TEXT,
      payer_id TEXT NOT NULL, item_id TEXT NOT NULL, status TEXT NOT NULL, settle_outcome TEXT, refund_owed_percent INTEGER NOT NULL DEFAULT 0,
      reservation_id TEXT, points INTEGER, failure_code TEXT, updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS consulting_payments_status ON ${PAYMENTS_TABLE} (status);
    CREATE INDEX IF NOT EXISTS consulting_payments_interview ON ${PAYMENTS_TABLE} (interview_id);
    CREATE INDEX IF NOT EXISTS consulting_payments_seat ON ${PAYMENTS_TABLE} (meeting_id, participant_id);
  `,
  tables: [PAYMENTS_TABLE],
  filter: { streamPrefixes: [paymentStreamPrefix], eventTypes: POINTS_PAYMENT_EVENT_TYPES },
  apply(db, recorded: RecordedEvent) {
    const e = { type: recorded.type, data: recorded.data } as PointsPaymentEvent;
    const set = (columns: Record<string, string | number | null>) => {
      const names = Object.keys(columns);
      db.prepare(`UPDATE ${PAYMENTS_TABLE} SET ${[...names.map((n) => `${n} = @${n}`), 'updated_at = @at'].join(', ')} WHERE payment_id = @id`).run({ ...columns, at: e.data.at, id: e.data.paymentId });
    };
    switch (e.type) {
      case 'PointsPaymentOpened': {
        const d = e.data;
        const p = d.purpose;
        db.prepare(
          `INSERT OR IGNORE INTO ${PAYMENTS_TABLE} (payment_id, kind, interview_id, meeting_id, participant_id, payer_id, item_id, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'reserving', ?)`,
        ).run(d.paymentId, p.kind, p.kind === 'interview' ? p.interviewId : null, p.kind === 'seat' ? p.meetingId : null, p.kind === 'seat' ? p.participantId : null, d.payerId, d.itemId, d.at);
        return;
      }
      case 'PointsReserved':
        return set({ status: 'reserved', reservation_id: e.data.reservationId, points: e.data.points });
      case 'PointsReservationRefused':
        return set({ status: 'refused', failure_code: e.data.code });
      case 'PointsPaymentSettling':
        return set({ settle_outcome: e.data.outcome, refund_owed_percent: e.data.refundOwedPercent });
      case 'PointsReservationLapsed':
        return set({ status: 'reserving' });
      case 'PointsCaptured':
        return set({ status: 'captured' });
      case 'PointsReleased':
        return set({ status: 'released' });
      case 'PointsPaymentFailed':
        return set({ status: 'failed', failure_code: e.data.code });
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
  refundOwedPercent: r.refund_owed_percent,
  failureCode: r.failure_code,
});
