import { Inject, Injectable, Logger } from '@nestjs/common';
import { AggregateHandlers, CLOCK, MetricsService, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { calendars } from '../domain/interview/interview.aggregate';
import { BookingsQueries } from '../projections/bookings/bookings.queries';

/**
 * Writes InterviewExpired for requests nobody answered within 72 h. The read model only nominates
 * candidates; the decider re-checks against the stream, so a stale row or a concurrent answer is safe.
 */
@Injectable()
export class ExpireInterviewsJob implements ScheduledJob {
  readonly name = 'expire-interviews';
  readonly everyMs = 60_000;
  /** One failing candidate is logged and skipped, so it cannot hold up the others (they are read in the same order each tick). */
  private readonly logger = new Logger('ExpireInterviewsJob');

  private readonly calendars;

  constructor(
    private readonly aggregates: AggregateHandlers,
    private readonly bookings: BookingsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    this.calendars = aggregates.for(calendars);
  }

  async run(): Promise<void> {
    const now = this.clock.now();
    await forEachCandidate({
      answeredBy: this.aggregates,
      candidates: () => this.bookings.overdueRequests(now.toISOString(), 500),
      decide: async (r) => {
        const result = await this.calendars.handle(r.expertId, { type: 'ExpireInterview', data: { interviewId: r.interviewId }, metadata: { now } }, {
          // One expiry per deadline: a rerun (or a second replica) appends nothing twice.
          commandId: `${r.interviewId}:${r.expiresAt}`,
        });
        // Counted when the expiry is written, not when a rerun finds it written (or an answer came first).
        if (result.appended > 0) this.metrics.sagaTimedOut('interview-request');
      },
      skip: { log: (error, r) => this.logger.warn({ err: error, interviewId: r.interviewId, msg: 'interview not expired; retried at the next tick' }) },
    });
  }
}
