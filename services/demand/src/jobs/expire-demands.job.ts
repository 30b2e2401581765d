import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, DomainError, PLATFORM_LOGGER, PROJECTIONS, type Clock, type ScheduledJob } from '@hope/platform';
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
    for (const due of demandsDueForExpiry(this.projections.db, this.clock.now())) {
      try {
        await this.demands.execute(due.demandId, 'ExpireDemand', {}, scheduler, `${due.demandId}:expire:${due.deadline}`);
      } catch (error) {
        // One stale candidate (deadline revised since) must not hold up the others.
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn({ demandId: due.demandId, code: error.code }, 'demand not expired');
      }
    }
  }
}
