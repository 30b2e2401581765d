import { Inject, Injectable } from '@nestjs/common';
import { AggregateHandlers, CLOCK, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { accounts } from '../domain/account/account.aggregate';
import { BalanceQueries, type ExpiryCursor } from '../projections/balance/balance.queries';

/**
 * Writes PointsExpired (oldest lots first, decided by the account from its own events) for lots past
 * their expiry. The policy (rolling 24 months, end of month, end of year) was applied when each lot was
 * earned and is recorded on it (`expiresAt`), so a replay expires exactly the same lots.
 *
 * The watermark lives in memory: after a restart the job walks the due lots again from the start,
 * which costs looks, not correctness (an account with nothing due decides nothing). Points that come
 * back to an expired lot later (a released reservation) expire in that same decision.
 */
@Injectable()
export class ExpirePointsJob implements ScheduledJob {
  readonly name = 'expire-points';
  readonly everyMs = 60_000;
  private cursor: ExpiryCursor | undefined;

  constructor(
    private readonly aggregates: AggregateHandlers,
    private readonly balances: BalanceQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now();
    await forEachCandidate({
      answeredBy: this.aggregates,
      from: this.cursor,
      page: (after) => this.balances.lotsDueForExpiry(now, after),
      candidatesOf: (lots) => new Set(lots.map((lot) => lot.expertId)),
      decide: (expertId) => this.aggregates.for(accounts).handle(expertId, { type: 'ExpirePoints', data: { expertId }, metadata: { now } }, { commandId: `${expertId}@${now.toISOString()}` }),
      pageDone: (last) => (this.cursor = last),
    });
  }
}
