import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DomainError } from '@hope/kernel';
import { AggregateHandlers, PLATFORM_LOGGER, forEachCandidate, type ScheduledJob } from '@hope/platform';
import { DEMAND_DEPS, type DemandDeps } from '../application/demands/demand.deps';
import { expireDemand } from '../application/demands/expire-demand.use-case';
import { DemandCatalogueQueries } from '../projections/demand-catalogue/demand-catalogue.queries';

/**
 * Writes DemandExpired for published demands whose deadline has passed. The catalogue only nominates
 * candidates; the use case's decider re-checks against the stream.
 */
@Injectable()
export class ExpireDemandsJob implements ScheduledJob {
  readonly name = 'expire-demands';
  readonly everyMs = 60_000;

  constructor(
    private readonly aggregates: AggregateHandlers,
    @Inject(DEMAND_DEPS) private readonly deps: DemandDeps,
    private readonly catalogue: DemandCatalogueQueries,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  async run(): Promise<void> {
    await forEachCandidate({
      answeredBy: this.aggregates,
      candidates: () => this.catalogue.dueForExpiry(this.deps.clock.now()),
      decide: (due) => expireDemand(this.deps, due),
      // One stale candidate (deadline revised since) must not hold up the others; any other failure stops the run.
      skip: { when: (error) => error instanceof DomainError, log: (error, due) => this.logger.warn({ demandId: due.demandId, code: error.code }, 'demand not expired') },
    });
  }
}
