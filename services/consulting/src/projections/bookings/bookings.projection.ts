import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { INTERVIEW_EVENT_TYPES, calendarStreamPrefix, type InterviewEvent } from '../../domain/interview/interview.events';

/** One row per interview: bookings by expert / by enterprise with status, and the expiry job's worklist. */
export const BOOKINGS_TABLE = 'consulting_bookings';
/** Matching's conflict-check answer per interview (its reasons), beside the booking row. */
export const CONFLICT_CHECKS_TABLE = 'consulting_conflict_checks';

export interface BookingRow {
  interview_id: string;
  expert_id: string;
  organisation_id: string;
  topic: string;
  duration_minutes: number;
  payment: string;
  status: string;
  proposed_slots: string;
  slot_start: string | null;
  slot_end: string | null;
  expires_at: string;
  attestation_passed: number | null;
  conflict_check_passed: number | null;
  actual_minutes: number | null;
  refund_percent: number | null;
  expert_rating: number | null;
  enterprise_rating: number | null;
  requested_at: string;
  updated_at: string;
  /** JSON list of reasons, from the conflict-check table (LEFT JOIN). */
  conflict_reasons?: string | null;
}

/** Read a booking with its conflict-check reasons. */
export const BOOKINGS_SELECT = `SELECT b.*, c.reasons AS conflict_reasons FROM ${BOOKINGS_TABLE} b LEFT JOIN ${CONFLICT_CHECKS_TABLE} c USING (interview_id)`;

const set = (db: Database.Database, id: string, at: string, columns: Record<string, string | number | null>): void => {
  const names = Object.keys(columns);
  const assignments = [...names.map((n) => `${n} = @${n}`), 'updated_at = @updated_at'].join(', ');
  db.prepare(`UPDATE ${BOOKINGS_TABLE} SET ${assignments} WHERE interview_id = @id`).run({ ...columns, updated_at: at, id });
};

export const bookingsProjection: SqlProjection = {
  name: 'consulting_bookings',
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS ${CONFLICT_CHECKS_TABLE} (interview_id TEXT PRIMARY KEY, passed INTEGER NOT NULL, checked_by TEXT NOT NULL, reasons TEXT NOT NULL, checked_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${BOOKINGS_TABLE} (
      interview_id TEXT PRIMARY KEY, expert_id TEXT NOT NULL, organisation_id TEXT NOT NULL, topic TEXT NOT NULL,
      duration_minutes INTEGER NOT NULL, payment TEXT NOT NULL, status TEXT NOT NULL, proposed_slots TEXT NOT NULL,
      slot_start TEXT, slot_end TEXT, expires_at TEXT NOT NULL, attestation_passed INTEGER, conflict_check_passed INTEGER,
      actual_minutes INTEGER, refund_percent INTEGER, expert_rating INTEGER, enterprise_rating INTEGER,
      requested_at TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS consulting_bookings_expert ON ${BOOKINGS_TABLE} (expert_id, slot_start);
    CREATE INDEX IF NOT EXISTS consulting_bookings_org ON ${BOOKINGS_TABLE} (organisation_id, requested_at);
    CREATE INDEX IF NOT EXISTS consulting_bookings_open ON ${BOOKINGS_TABLE} (status, expires_at);
  `,
  tables: [BOOKINGS_TABLE, CONFLICT_CHECKS_TABLE],
  filter: { streamPrefixes: [calendarStreamPrefix], eventTypes: INTERVIEW_EVENT_TYPES },
  apply(db, recorded: RecordedEvent) {
    const e = { type: recorded.type, data: recorded.data } as InterviewEvent;
    switch (e.type) {
      case 'InterviewRequested': {
        const d = e.data;
        db.prepare(
          `INSERT OR IGNORE INTO ${BOOKINGS_TABLE} (interview_id, expert_id, organisation_id, topic, duration_minutes, payment, status, proposed_slots, expires_at, requested_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?, ?)`,
        ).run(d.interviewId, d.expertId, d.organisationId, d.topic, d.durationMinutes, d.payment, JSON.stringify(d.slots), d.expiresAt, d.requestedAt, d.requestedAt);
        return;
      }
      case 'InterviewCounterProposed':
        return set(db, e.data.interviewId, e.data.at, { status: 'counter-proposed', proposed_slots: JSON.stringify(e.data.slots), expires_at: e.data.expiresAt });
      case 'InterviewAccepted':
        return set(db, e.data.interviewId, e.data.at, { status: 'accepted', slot_start: e.data.start, slot_end: e.data.end });
      case 'InterviewConfirmed':
        return set(db, e.data.interviewId, e.data.at, { status: 'confirmed', slot_start: e.data.start, slot_end: e.data.end });
      case 'InterviewRescheduled':
        return set(db, e.data.interviewId, e.data.at, { slot_start: e.data.start, slot_end: e.data.end });
      case 'InterviewDeclined':
        return set(db, e.data.interviewId, e.data.at, { status: 'declined' });
      case 'InterviewExpired':
        return set(db, e.data.interviewId, e.data.at, { status: 'expired' });
      case 'ExpertAttestationRecorded':
        return set(db, e.data.interviewId, e.data.at, { attestation_passed: e.data.passed ? 1 : 0 });
      case 'ConflictCheckRecorded': {
        const d = e.data;
        // Checks recorded by hand before matching was consulted carry a `detail` instead of reasons.
        const reasons = d.reasons ?? (d.detail ? [{ code: 'recorded-by-hand', detail: d.detail }] : []);
        db.prepare(`INSERT OR REPLACE INTO ${CONFLICT_CHECKS_TABLE} (interview_id, passed, checked_by, reasons, checked_at) VALUES (?, ?, ?, ?, ?)`).run(
          d.interviewId,
          d.passed ? 1 : 0,
          d.checkedBy,
          JSON.stringify(reasons),
          d.at,
        );
        return set(db, d.interviewId, d.at, { conflict_check_passed: d.passed ? 1 : 0 });
      }
      case 'ComplianceGateFailed':
        return set(db, e.data.interviewId, e.data.at, { status: 'gate-failed' });
      case 'InterviewCancelled':
        return set(db, e.data.interviewId, e.data.at, { status: 'cancelled', refund_percent: e.data.refundPercent });
      case 'InterviewCompleted':
        return set(db, e.data.interviewId, e.data.at, { status: 'completed', actual_minutes: e.data.actualMinutes });
      case 'InterviewRated':
        return set(db, e.data.interviewId, e.data.at, { [e.data.by === 'expert' ? 'expert_rating' : 'enterprise_rating']: e.data.score });
      case 'InterviewNoShowRecorded':
        return set(db, e.data.interviewId, e.data.at, { status: 'no-show', refund_percent: e.data.refundPercent });
      case 'InterviewPaymentFailed':
        return set(db, e.data.interviewId, e.data.at, { status: 'payment-failed' });
    }
  },
};

/** The API's view of a row. */
export const toBooking = (r: BookingRow) => ({
  interviewId: r.interview_id,
  expertId: r.expert_id,
  organisationId: r.organisation_id,
  topic: r.topic,
  durationMinutes: r.duration_minutes,
  payment: r.payment,
  status: r.status,
  proposedSlots: JSON.parse(r.proposed_slots) as string[],
  slot: r.slot_start && r.slot_end ? { start: r.slot_start, end: r.slot_end } : null,
  expiresAt: r.expires_at,
  compliance: {
    attestationPassed: r.attestation_passed === null ? null : r.attestation_passed === 1,
    conflictCheckPassed: r.conflict_check_passed === null ? null : r.conflict_check_passed === 1,
    conflictReasons: r.conflict_reasons ? (JSON.parse(r.conflict_reasons) as { code: string; detail: string }[]) : null,
  },
  actualMinutes: r.actual_minutes,
  refundPercent: r.refund_percent,
  ratings: { expert: r.expert_rating, enterprise: r.enterprise_rating },
  requestedAt: r.requested_at,
  updatedAt: r.updated_at,
});
