import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, PROJECTIONS, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
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
  /** One failing candidate is logged and skipped, so it cannot hold up the others (they are read in the same order each tick). */
  private readonly logger = new Logger('EvaluateTiersJob');

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
    await forEachCandidate({
      page: (after?: string) => accountsHoldingTierSince(this.projections.db, heldSince, after ?? ''),
      decide: (expertId) =>
        this.commands.runAndWait({ type: 'EvaluateTier', data: { expertId, tierPolicy }, metadata: { now } }, { commandId: `${expertId}@${now.toISOString()}`, handler: 'points.tier.evaluate' }),
      skip: { log: (error, expertId) => this.logger.warn({ err: error, expertId, msg: 'tier not evaluated; retried at the next tick' }) },
    });
  }
}
