import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AggregateHandlers, MetricsService, PLATFORM_LOGGER, forEachCandidate, type ScheduledJob } from '@hope/platform';
import { NEED_DEPS, type NeedDeps } from '../application/needs/need.deps';
import { advanceNeed, timeOutReview } from '../application/needs/need-saga';
import { NeedQueries } from '../projections/needs/needs.queries';

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
    private readonly aggregates: AggregateHandlers,
    @Inject(NEED_DEPS) private readonly deps: NeedDeps,
    private readonly needList: NeedQueries,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
  ) {}

  async run(): Promise<void> {
    // One read of the model for both loops: the needs timed out first are then advanced (released).
    let toAdvance: ReturnType<NeedQueries['toAdvance']> = { unfinished: [], overdue: [] };
    await forEachCandidate({
      answeredBy: this.aggregates,
      candidates: () => (toAdvance = this.needList.toAdvance(this.deps.clock.now())).overdue,
      decide: async (needId) => {
        // Counted by the run that wrote the timeout, not by every run that finds it still overdue.
        if (await timeOutReview(this.deps, needId)) this.metrics.sagaTimedOut('need-publication');
      },
    });
    await forEachCandidate({
      answeredBy: this.aggregates,
      candidates: () => [...toAdvance.unfinished, ...toAdvance.overdue],
      decide: (needId) => advanceNeed(this.deps, needId),
      // The points service may be down: this need waits for the next tick, the others go on.
      skip: { log: (error, needId) => this.logger.warn({ err: error, needId }, 'need saga step failed; retried at the next tick') },
    });
  }
}
