import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, PLATFORM_LOGGER, PROJECTIONS, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { PointsPaymentSaga } from '../application/points-payment.saga';
import { SEAT_ITEMS } from '../domain/rules/payment-policy';
import { BOOKINGS_TABLE } from '../projections/bookings/bookings.projection';
import { MEETINGS_TABLE, REGISTRATIONS_TABLE } from '../projections/meetings/meetings.projection';
import { PAYMENTS_TABLE } from '../projections/payments/payments.projection';

const PAID_KINDS = Object.entries(SEAT_ITEMS)
  .filter(([, item]) => item !== undefined)
  .map(([kind]) => `'${kind}'`)
  .join(', ');

/**
 * Resumes points payments a crash, an unreachable points service or a missed trigger left behind. The
 * read models only nominate candidates; the saga re-reads the streams and repeats nothing done.
 */
@Injectable()
export class ResumePointsPaymentsJob implements ScheduledJob {
  readonly name = 'resume-points-payments';
  readonly everyMs = 15_000;

  constructor(
    private readonly saga: PointsPaymentSaga,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  async run(): Promise<void> {
    const db = this.projections.db;
    const interviews = interviewPaymentsToResume(db);
    const seats = seatPaymentsToResume(db, this.clock.now().toISOString());
    const payments = [
      ...interviews.map((i) => ({ payment: `interview ${i.interview_id}`, sync: () => this.saga.syncInterview(i.expert_id, i.interview_id) })),
      ...seats.map((s) => ({ payment: `seat ${s.meeting_id}/${s.participant_id}`, sync: () => this.saga.syncSeat(s.meeting_id, s.participant_id) })),
    ];
    await forEachCandidate({
      candidates: payments,
      decide: (p) => p.sync(),
      // One payment failing (points down) must not stop the others; it is retried at the next tick.
      skip: { log: (error, p) => this.logger.warn({ err: error, payment: p.payment }, 'points payment not advanced; retried at the next tick') },
    });
  }
}

/** Confirmed once (gate passed on a held slot) and paid by points, with a payment missing or unfinished. */
const interviewPaymentsToResume = (db: Database.Database) =>
  db
    .prepare<[], { expert_id: string; interview_id: string }>(
      `SELECT b.expert_id, b.interview_id FROM ${BOOKINGS_TABLE} b LEFT JOIN ${PAYMENTS_TABLE} p ON p.interview_id = b.interview_id
       WHERE b.payment = 'points'
         AND (b.status IN ('confirmed', 'completed', 'no-show') OR (b.status = 'cancelled' AND b.slot_start IS NOT NULL AND b.attestation_passed = 1 AND b.conflict_check_passed = 1))
         AND (p.payment_id IS NULL OR p.status = 'reserving' OR (p.status = 'reserved' AND b.status <> 'confirmed'))
       LIMIT 500`,
    )
    .all();

/** Seated experts of paid meetings with no payment, and seat payments left reserving or to settle. */
const seatPaymentsToResume = (db: Database.Database, now: string) =>
  db
    .prepare<[string], { meeting_id: string; participant_id: string }>(
      `SELECT r.meeting_id, r.participant_id FROM ${REGISTRATIONS_TABLE} r JOIN ${MEETINGS_TABLE} m ON m.meeting_id = r.meeting_id
         LEFT JOIN ${PAYMENTS_TABLE} p ON p.meeting_id = r.meeting_id AND p.participant_id = r.participant_id
       WHERE r.status = 'seated' AND r.role = 'expert' AND m.kind IN (${PAID_KINDS}) AND p.payment_id IS NULL
       UNION
       SELECT p.meeting_id, p.participant_id FROM ${PAYMENTS_TABLE} p JOIN ${MEETINGS_TABLE} m ON m.meeting_id = p.meeting_id
         LEFT JOIN ${REGISTRATIONS_TABLE} r ON r.meeting_id = p.meeting_id AND r.participant_id = p.participant_id
       WHERE p.kind = 'seat' AND (p.status = 'reserving' OR (p.status = 'reserved' AND (r.status IS NULL OR r.status <> 'seated' OR m.starts_at <= ?)))
       LIMIT 500`,
    )
    .all(now);
