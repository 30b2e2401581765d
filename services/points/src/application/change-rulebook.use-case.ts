import type { Principal } from '@hope/kernel';
import type { Catalogue } from '../domain/catalogue/redemption-catalogue';
import { RULEBOOK_ID } from '../domain/rulebook/rulebook.aggregate';
import type { RuleSet } from '../domain/rules/earning-rules';
import type { RulebookQueries } from '../projections/rulebook/rulebook.queries';
import type { Now, RulebookHandler } from './handlers';

export interface ChangeRulebookDeps {
  readonly rulebook: RulebookHandler;
  /** Read after the change: the handler waited for the read model, so the answer includes it. */
  readonly rules: RulebookQueries;
  readonly clock: Now;
  readonly newId: () => string;
}

export interface ChangeRules {
  readonly who: Principal;
  readonly ruleSet: Omit<RuleSet, 'version' | 'effectiveFrom'>;
  readonly effectiveFrom?: string;
  readonly expectedVersion?: number;
  readonly reason: string;
  /** The request's Idempotency-Key (a retry writes nothing more). */
  readonly idempotencyKey?: string;
}

export interface ChangeCatalogue {
  readonly who: Principal;
  readonly catalogue: Omit<Catalogue, 'version'>;
  readonly expectedVersion?: number;
  readonly reason: string;
  readonly idempotencyKey?: string;
}

/** A new rule set version (RulesChanged); the same content again is a no-op. Answers the latest rule set. */
export async function changeRules(deps: ChangeRulebookDeps, input: ChangeRules): Promise<RuleSet> {
  const { effectiveFrom, expectedVersion, reason, who } = input;
  await deps.rulebook.handle(
    RULEBOOK_ID,
    {
      type: 'ChangeRules',
      data: { ruleSet: input.ruleSet, reason, by: who.subject, ...(effectiveFrom ? { effectiveFrom: new Date(effectiveFrom) } : {}), ...(expectedVersion ? { expectedVersion } : {}) },
      metadata: { now: deps.clock.now() },
    },
    { commandId: input.idempotencyKey ?? deps.newId() },
  );
  return deps.rules.current();
}

/** A new catalogue version (CatalogueChanged); existing reservations keep their price. Answers the latest catalogue. */
export async function changeCatalogue(deps: ChangeRulebookDeps, input: ChangeCatalogue): Promise<Catalogue> {
  const { expectedVersion, reason, who } = input;
  await deps.rulebook.handle(
    RULEBOOK_ID,
    { type: 'ChangeCatalogue', data: { catalogue: input.catalogue, reason, by: who.subject, ...(expectedVersion ? { expectedVersion } : {}) }, metadata: { now: deps.clock.now() } },
    { commandId: input.idempotencyKey ?? deps.newId() },
  );
  return deps.rules.catalogue();
}
