import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { AggregateHandlers, CLOCK, MetricsService, PROJECTIONS, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { calendars } from '../domain/interview/interview.aggregate';
import { BOOKINGS_TABLE } from '../projections/bookings/bookings.projection';

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
    aggregates: AggregateHandlers,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    this.calendars = aggregates.for(calendars);
  }

  async run(): Promise<void> {
    const now = this.clock.now();
    const due = this.projections.db
      .prepare<[string], { interview_id: string; expert_id: string; expires_at: string }>(
        `SELECT interview_id, expert_id, expires_at FROM ${BOOKINGS_TABLE} WHERE status IN ('requested', 'counter-proposed') AND expires_at <= ? ORDER BY expires_at LIMIT 500`,
      )
      .all(now.toISOString());
    await forEachCandidate({
      candidates: due,
      decide: async (r) => {
        const result = await this.calendars.handle(r.expert_id, { type: 'ExpireInterview', data: { interviewId: r.interview_id }, metadata: { now } }, {
          // One expiry per deadline: a rerun (or a second replica) appends nothing twice.
          commandId: `${r.interview_id}:${r.expires_at}`,
        });
        // Counted when the expiry is written, not when a rerun finds it written (or an answer came first).
        if (result.appended > 0) this.metrics.sagaTimedOut('interview-request');
      },
      skip: { log: (error, r) => this.logger.warn({ err: error, interviewId: r.interview_id, msg: 'interview not expired; retried at the next tick' }) },
    });
  }
}
