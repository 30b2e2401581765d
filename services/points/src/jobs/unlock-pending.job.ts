import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, PROJECTIONS, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { AccountCommands } from '../application/account-commands';
import { accountsWithDuePending } from '../projections/balance/balance.projection';

/** Writes PointsUnlocked for lots whose pending period is over, so a replay unlocks exactly the same. */
@Injectable()
export class UnlockPendingJob implements ScheduledJob {
  readonly name = 'unlock-pending';
  readonly everyMs = 60_000;
  /** One failing candidate is logged and skipped, so it cannot hold up the others (they are read in the same order each tick). */
  private readonly logger = new Logger('UnlockPendingJob');

  constructor(
    private readonly commands: AccountCommands,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now();
    await forEachCandidate({
      candidates: accountsWithDuePending(this.projections.db, now),
      decide: (expertId) => this.commands.runAndWait({ type: 'UnlockPoints', data: { expertId }, metadata: { now } }, { commandId: `${expertId}@${now.toISOString()}`, handler: 'points.unlock' }),
      skip: { log: (error, expertId) => this.logger.warn({ err: error, expertId, msg: 'pending points not unlocked; retried at the next tick' }) },
    });
  }
}
