import { Inject, Injectable, Logger } from '@nestjs/common';
import { AggregateHandlers, CLOCK, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { accounts } from '../domain/account/account.aggregate';
import { tiersOf } from '../domain/rules/earning-rules';
import { BalanceQueries } from '../projections/balance/balance.queries';
import { RulebookQueries } from '../projections/rulebook/rulebook.queries';

/**
 * Finds downgrades: every account that has held a tier for at least the grace period is asked to
 * evaluate itself (EvaluateTier); the account decides from its own lots whether it stayed below its
 * threshold long enough, and falls one tier at most. Upgrades need no job: the earning does them.
 */
@Injectable()
export class EvaluateTiersJob implements ScheduledJob {
  readonly name = 'evaluate-tiers';
  readonly everyMs = 3_600_000;
  /** One failing candidate is logged and skipped, so it cannot hold up the others (they are read in the same order each tick). */
  private readonly logger = new Logger('EvaluateTiersJob');

  constructor(
    private readonly aggregates: AggregateHandlers,
    private readonly rules: RulebookQueries,
    private readonly balances: BalanceQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now();
    // Write decision from a read model: the tier policy in force now comes from the rulebook projection.
    const tierPolicy = tiersOf(this.rules.at(now));
    const heldSince = new Date(now.getTime() - tierPolicy.downgrade.graceDays * 86_400_000);
    await forEachCandidate({
      answeredBy: this.aggregates,
      page: (after?: string) => this.balances.accountsHoldingTierSince(heldSince, after ?? ''),
      decide: (expertId) => this.aggregates.for(accounts).handle(expertId, { type: 'EvaluateTier', data: { expertId, tierPolicy }, metadata: { now } }, { commandId: `${expertId}@${now.toISOString()}` }),
      skip: { log: (error, expertId) => this.logger.warn({ err: error, expertId, msg: 'tier not evaluated; retried at the next tick' }) },
    });
  }
}
