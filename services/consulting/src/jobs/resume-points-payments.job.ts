import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AggregateHandlers, CLOCK, PLATFORM_LOGGER, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { PointsPaymentSaga } from '../application/points-payment.saga';
import { PaymentsQueries } from '../projections/payments/payments.queries';

/**
 * Resumes points payments a crash, an unreachable points service or a missed trigger left behind. The
 * read models only nominate candidates; the saga re-reads the streams and repeats nothing done.
 */
@Injectable()
export class ResumePointsPaymentsJob implements ScheduledJob {
  readonly name = 'resume-points-payments';
  readonly everyMs = 15_000;

  constructor(
    private readonly aggregates: AggregateHandlers,
    private readonly saga: PointsPaymentSaga,
    private readonly payments: PaymentsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now().toISOString();
    await forEachCandidate({
      answeredBy: this.aggregates,
      candidates: () => [
        ...this.payments.interviewPaymentsToResume(500).map((i) => ({ payment: `interview ${i.interviewId}`, sync: () => this.saga.syncInterview(i.expertId, i.interviewId) })),
        ...this.payments.seatPaymentsToResume(now, 500).map((s) => ({ payment: `seat ${s.meetingId}/${s.participantId}`, sync: () => this.saga.syncSeat(s.meetingId, s.participantId) })),
      ],
      decide: (p) => p.sync(),
      // One payment failing (points down) must not stop the others; it is retried at the next tick.
      skip: { log: (error, p) => this.logger.warn({ err: error, payment: p.payment }, 'points payment not advanced; retried at the next tick') },
    });
  }
}
