import { Inject, Injectable, Logger } from '@nestjs/common';
import { AggregateHandlers, CLOCK, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { accounts } from '../domain/account/account.aggregate';
import { BalanceQueries } from '../projections/balance/balance.queries';

/** Writes PointsUnlocked for lots whose pending period is over, so a replay unlocks exactly the same. */
@Injectable()
export class UnlockPendingJob implements ScheduledJob {
  readonly name = 'unlock-pending';
  readonly everyMs = 60_000;
  /** One failing candidate is logged and skipped, so it cannot hold up the others (they are read in the same order each tick). */
  private readonly logger = new Logger('UnlockPendingJob');

  constructor(
    private readonly aggregates: AggregateHandlers,
    private readonly balances: BalanceQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now();
    await forEachCandidate({
      answeredBy: this.aggregates,
      candidates: () => this.balances.accountsWithDuePending(now),
      decide: (expertId) => this.aggregates.for(accounts).handle(expertId, { type: 'UnlockPoints', data: { expertId }, metadata: { now } }, { commandId: `${expertId}@${now.toISOString()}` }),
      skip: { log: (error, expertId) => this.logger.warn({ err: error, expertId, msg: 'pending points not unlocked; retried at the next tick' }) },
    });
  }
}
