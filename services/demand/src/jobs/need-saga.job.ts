import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, MetricsService, PLATFORM_LOGGER, PROJECTIONS, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { NeedSaga } from '../application/need-saga';
import { needsToAdvance } from '../projections/needs/needs.projection';

/**
 * Resumes publish-a-need sagas: makes the call a crash (or an unreachable points service) left undone,
 * and times out reviews nobody did, which releases the points. The read model nominates; the saga
 * reloads each stream before acting, so a stale row does no harm.
 */
@Injectable()
export class NeedSagaJob implements ScheduledJob {
  readonly name = 'need-saga';
  readonly everyMs = 10_000;

  constructor(
    private readonly saga: NeedSaga,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
  ) {}

  async run(): Promise<void> {
    const { unfinished, overdue } = needsToAdvance(this.projections.db, this.clock.now());
    await forEachCandidate({
      candidates: overdue,
      decide: async (needId) => {
        // Counted by the run that wrote the timeout, not by every run that finds it still overdue.
        if (await this.saga.timeOutReview(needId)) this.metrics.sagaTimedOut('need-publication');
      },
    });
    await forEachCandidate({
      candidates: [...unfinished, ...overdue],
      decide: (needId) => this.saga.advance(needId),
      // The points service may be down: this need waits for the next tick, the others go on.
      skip: { log: (error, needId) => this.logger.warn({ err: error, needId }, 'need saga step failed; retried at the next tick') },
    });
  }
}
