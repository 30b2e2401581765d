import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, DomainError, PLATFORM_LOGGER, PROJECTIONS, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { DemandCommandHandler } from '../application/demand.command-handler';
import type { Actor } from '../domain/actor';
import { demandsDueForExpiry } from '../projections/demand-catalogue/demand-catalogue.query';

const scheduler: Actor = { subject: 'demand', role: 'service' };

/**
 * Writes DemandExpired for published demands whose deadline has passed. The catalogue only nominates
 * candidates; the decider re-checks against the stream (a revision may have moved the deadline, a close
 * may have raced the job), and the command id makes a rerun or a second replica append nothing twice.
 */
@Injectable()
export class ExpireDemandsJob implements ScheduledJob {
  readonly name = 'expire-demands';
  readonly everyMs = 60_000;

  constructor(
    private readonly demands: DemandCommandHandler,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  async run(): Promise<void> {
    await forEachCandidate({
      candidates: demandsDueForExpiry(this.projections.db, this.clock.now()),
      decide: (due) => this.demands.execute(due.demandId, 'ExpireDemand', {}, scheduler, `${due.demandId}:expire:${due.deadline}`),
      // One stale candidate (deadline revised since) must not hold up the others; any other failure stops the run.
      skip: { when: (error) => error instanceof DomainError, log: (error, due) => this.logger.warn({ demandId: due.demandId, code: error.code }, 'demand not expired') },
    });
  }
}
