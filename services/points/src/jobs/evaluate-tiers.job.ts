import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, PROJECTIONS, type Clock, type ScheduledJob } from '@hope/platform';
import { AccountCommands } from '../application/account-commands';
import { RULE_BOOK, type RuleBook } from '../application/rule-book';
import { tiersOf } from '../domain/rules/earning-rules';
import { accountsHoldingTierSince } from '../projections/balance/account-tiers';

/**
 * Finds downgrades: every account that has held a tier for at least the grace period is asked to
 * evaluate itself (EvaluateTier); the account decides from its own lots whether it stayed below its
 * threshold long enough, and falls one tier at most. Upgrades need no job: the earning does them.
 */
@Injectable()
export class EvaluateTiersJob implements ScheduledJob {
  readonly name = 'evaluate-tiers';
  readonly everyMs = 3_600_000;

  constructor(
    private readonly commands: AccountCommands,
    @Inject(RULE_BOOK) private readonly rules: RuleBook,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now();
    const tierPolicy = tiersOf(this.rules.at(now));
    const heldSince = new Date(now.getTime() - tierPolicy.downgrade.graceDays * 86_400_000);
    let after = '';
    for (;;) {
      const page = accountsHoldingTierSince(this.projections.db, heldSince, after);
      if (page.length === 0) return;
      for (const expertId of page) {
        await this.commands.runAndWait({ type: 'EvaluateTier', data: { expertId, tierPolicy }, metadata: { now } }, { commandId: `${expertId}@${now.toISOString()}`, handler: 'points.tier.evaluate' });
      }
      after = page[page.length - 1]!;
    }
  }
}
