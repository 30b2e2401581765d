import { deterministicUuid } from '@hope/kernel';
import { retractionKeys } from '../domain/account/account.commands';
import type { Provenance } from '../domain/account/account.events';
import { budgetId, rulesFor, tiersOf } from '../domain/rules/earning-rules';
import type { RulebookQueries } from '../projections/rulebook/rulebook.queries';
import type { AccountHandler, Now, QuotaHandler, SourceHandler } from './handlers';
import { isOrgAccount } from './account-access';
import { claimQuota, releaseQuota } from './quota-claims';

export interface EarnFromSourceDeps {
  readonly accounts: AccountHandler;
  readonly ruleBudgets: QuotaHandler;
  readonly sources: SourceHandler;
  readonly rules: RulebookQueries;
  readonly clock: Now;
}

/** Another service's integration event, as far as earning cares. */
export interface SourceEvent {
  readonly id: string;
  readonly type: string;
  readonly correlationId: string;
  readonly data: Record<string, unknown>;
}

/** The source event caused these commands: its id is their id (a redelivery earns nothing more) and their causation. */
export const causedBy = (e: SourceEvent) => ({ commandId: e.id, correlationId: e.correlationId, causationId: e.id });

/**
 * Records the source (for what-if), then earns under every rule it matches: a rule's global budget is
 * claimed first (claim id = lot id, so a redelivery claims nothing twice) and given back if the account
 * declines the earning for another reason. Nothing waits for the read models: no answer needs them.
 */
export async function earnFromSource(deps: EarnFromSourceDeps, e: SourceEvent, occurredAt: string, provenance: Provenance): Promise<void> {
  // Kept first, so what-if can re-run any rule set over it (a redelivery records nothing more).
  await observeSource(deps.sources, e, { occurredAt, retractKeys: retractionKeys(provenance), retracts: [], provenance });
  const when = new Date(occurredAt);
  // Write decision from a read model: the rule set in force when the behaviour happened (rulebook projection);
  // handling the source again, even under newer rules, earns the same.
  const ruleSet = deps.rules.at(when);
  const now = deps.clock.now();
  // Tiers are judged now, under the policy in force now (an old source late in arriving counts only if still in the window).
  const tierPolicy = tiersOf(deps.rules.at(now));
  for (const { rule, expertId } of rulesFor(ruleSet, e.type, e.data)) {
    // Earning rewards an expert's behaviour: an expert id shaped like `org:<id>` (a subject chosen to
    // look like one) must never pay into an organisation's account.
    if (isOrgAccount(expertId)) continue;
    const lotId = deterministicUuid('points.lot', e.id, rule.id);
    const budget = rule.budget ? budgetId(rule.id, rule.budget.period, when) : undefined;
    const budgetExhausted = budget && rule.budget ? !(await claimQuota(deps.ruleBudgets, budget, { claimId: lotId, amount: rule.points, limit: rule.budget.points }, now)) : false;
    const result = await deps.accounts.handle(
      expertId,
      {
        type: 'EarnPoints',
        data: { expertId, lotId, rule, ruleSet, sourceEventId: e.id, sourceType: e.type, occurredAt: when, provenance, budgetExhausted, tierPolicy },
        metadata: { now },
      },
      causedBy(e),
      { wait: false },
    );
    if (budget && !budgetExhausted && !result.state.lots.has(lotId)) await releaseQuota(deps.ruleBudgets, budget, lotId, now);
  }
}

/** Records the source event once, before it is acted upon (see source-facts.ts). */
export async function observeSource(
  sources: SourceHandler,
  e: SourceEvent,
  fact: { occurredAt: string; retractKeys: readonly string[]; retracts: readonly { key: string; expertId: string }[]; provenance?: Provenance },
): Promise<void> {
  await sources.handle(
    e.id,
    { type: 'ObserveSource', data: { sourceEventId: e.id, sourceType: e.type, occurredAt: fact.occurredAt, data: e.data, retractKeys: fact.retractKeys, retracts: fact.retracts, ...(fact.provenance ? { provenance: fact.provenance } : {}) } },
    { commandId: e.id, correlationId: e.correlationId },
    { wait: false },
  );
}
