import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, PROJECTIONS, type Clock, type ScheduledJob } from '@hope/platform';
import { AccountCommands } from '../application/account-commands';
import { accountsWithDuePending } from '../projections/balance/balance.projection';

/** Writes PointsUnlocked for lots whose pending period is over, so a replay unlocks exactly the same. */
@Injectable()
export class UnlockPendingJob implements ScheduledJob {
  readonly name = 'unlock-pending';
  readonly everyMs = 60_000;

  constructor(
    private readonly commands: AccountCommands,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now();
    for (const expertId of accountsWithDuePending(this.projections.db, now)) {
      await this.commands.runAndWait({ type: 'UnlockPoints', data: { expertId }, metadata: { now } }, { commandId: `${expertId}@${now.toISOString()}`, handler: 'points.unlock' });
    }
  }
}
