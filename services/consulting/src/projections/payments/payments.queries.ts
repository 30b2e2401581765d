import type Database from 'better-sqlite3';
import { SEAT_ITEMS } from '../../domain/rules/payment-policy';
import { BOOKINGS_TABLE } from '../bookings/bookings.projection';
import { MEETINGS_TABLE, REGISTRATIONS_TABLE } from '../meetings/meetings.projection';
import { PAYMENT_SELECT, PAYMENTS_TABLE, toPayment, type PaymentRow } from './payments.projection';

export type Payment = ReturnType<typeof toPayment>;

/**
 * The query port of the payments read model. The resume job's worklists join the bookings and meetings
 * tables (one projection database): the read models only nominate candidates, the saga re-reads the streams.
 */
export abstract class PaymentsQueries {
  abstract ofInterview(interviewId: string): Payment | undefined;
  /** Confirmed once (gate passed on a held slot) and paid by points, with a payment missing or unfinished. */
  abstract interviewPaymentsToResume(limit: number): { expertId: string; interviewId: string }[];
  /** Seated experts of paid meetings with no payment, and seat payments left reserving or to settle. */
  abstract seatPaymentsToResume(now: string, limit: number): { meetingId: string; participantId: string }[];
  /** Experts seated in this meeting with no seat payment yet (e.g. promoted into a freed seat). */
  abstract unpaidSeatedExperts(meetingId: string): string[];
}

const PAID_KINDS = Object.entries(SEAT_ITEMS)
  .filter(([, item]) => item !== undefined)
  .map(([kind]) => `'${kind}'`)
  .join(', ');

export class SqlitePaymentsQueries extends PaymentsQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  ofInterview(interviewId: string): Payment | undefined {
    const row = this.db.prepare<[string], PaymentRow>(`${PAYMENT_SELECT} WHERE p.interview_id = ?`).get(interviewId);
    return row ? toPayment(row) : undefined;
  }

  interviewPaymentsToResume(limit: number): { expertId: string; interviewId: string }[] {
    return this.db
      .prepare<[number], { expertId: string; interviewId: string }>(
        `SELECT b.expert_id AS expertId, b.interview_id AS interviewId FROM ${BOOKINGS_TABLE} b LEFT JOIN ${PAYMENTS_TABLE} p ON p.interview_id = b.interview_id
         WHERE b.payment = 'points'
           AND (b.status IN ('confirmed', 'completed', 'no-show') OR (b.status = 'cancelled' AND b.slot_start IS NOT NULL AND b.attestation_passed = 1 AND b.conflict_check_passed = 1))
           AND (p.payment_id IS NULL OR p.status IN ('reserving', 'owed') OR (p.status = 'reserved' AND b.status <> 'confirmed'))
         LIMIT ?`,
      )
      .all(limit);
  }

  seatPaymentsToResume(now: string, limit: number): { meetingId: string; participantId: string }[] {
    return this.db
      .prepare<[string, number], { meetingId: string; participantId: string }>(
        `SELECT r.meeting_id AS meetingId, r.participant_id AS participantId FROM ${REGISTRATIONS_TABLE} r JOIN ${MEETINGS_TABLE} m ON m.meeting_id = r.meeting_id
           LEFT JOIN ${PAYMENTS_TABLE} p ON p.meeting_id = r.meeting_id AND p.participant_id = r.participant_id
         WHERE r.status = 'seated' AND r.role = 'expert' AND m.kind IN (${PAID_KINDS}) AND p.payment_id IS NULL
         UNION
         SELECT p.meeting_id, p.participant_id FROM ${PAYMENTS_TABLE} p JOIN ${MEETINGS_TABLE} m ON m.meeting_id = p.meeting_id
           LEFT JOIN ${REGISTRATIONS_TABLE} r ON r.meeting_id = p.meeting_id AND r.participant_id = p.participant_id
         WHERE p.kind = 'seat' AND (p.status IN ('reserving', 'owed') OR (p.status = 'reserved' AND (r.status IS NULL OR r.status <> 'seated' OR m.starts_at <= ?)))
         LIMIT ?`,
      )
      .all(now, limit);
  }

  unpaidSeatedExperts(meetingId: string): string[] {
    return this.db
      .prepare<[string], { participant_id: string }>(
        `SELECT r.participant_id FROM ${REGISTRATIONS_TABLE} r LEFT JOIN ${PAYMENTS_TABLE} x ON x.meeting_id = r.meeting_id AND x.participant_id = r.participant_id
         WHERE r.meeting_id = ? AND r.status = 'seated' AND r.role = 'expert' AND x.payment_id IS NULL`,
      )
      .all(meetingId)
      .map((r) => r.participant_id);
  }
}
