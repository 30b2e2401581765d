import { IllegalStateError, ValidationError } from '@hope/kernel';
import { DEFAULT_CATALOGUE, type Catalogue, type CatalogueItem } from '../catalogue/redemption-catalogue';
import { DEFAULT_RULES, tiersOf, type EarningRule, type ExpiryPolicy, type RuleSet } from '../rules/earning-rules';
import type { TierPolicy } from '../tiers/tier-policy';

/**
 * The rule set and the catalogue are changed by operators, as events on one stream (`rulebook-points`).
 * Versions follow each other (v1 is the default in code); a rule set takes effect for sources that
 * occurred from its `effectiveFrom`, so re-handling an old source event earns what it earned then.
 */
export const RULEBOOK_STREAM = 'rulebook-points';

/** A new rule set version: earnings whose source occurred from `effectiveFrom` on use it. */
export interface RulesChangedData {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly pendingDays: number;
  readonly expiry: ExpiryPolicy;
  readonly rules: readonly EarningRule[];
  /** Absent on rule sets recorded before tiers existed (the default policy applies). */
  readonly tiers?: TierPolicy;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** A new catalogue version: redemptions from `at` on use it. */
export interface CatalogueChangedData {
  readonly version: number;
  readonly items: readonly CatalogueItem[];
  readonly reservationTimeoutMinutes: number;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export type RulebookEvent = { readonly type: 'RulesChanged'; readonly data: RulesChangedData } | { readonly type: 'CatalogueChanged'; readonly data: CatalogueChangedData };

interface Meta {
  readonly metadata: { readonly now: Date };
}
export type RulebookCommand =
  | (Meta & {
      readonly type: 'ChangeRules';
      readonly data: { readonly ruleSet: Omit<RuleSet, 'version' | 'effectiveFrom'>; readonly effectiveFrom?: Date; readonly expectedVersion?: number; readonly reason: string; readonly by: string };
    })
  | (Meta & { readonly type: 'ChangeCatalogue'; readonly data: { readonly catalogue: Omit<Catalogue, 'version'>; readonly expectedVersion?: number; readonly reason: string; readonly by: string } });

export interface Rulebook {
  readonly rules: { readonly version: number; readonly effectiveFrom: string; readonly body: string };
  readonly catalogue: { readonly version: number; readonly body: string };
}


export class VersionMismatch extends IllegalStateError {
  constructor(what: string, expected: number, actual: number) {
    super('POINTS.VERSION_MISMATCH', `The ${what} is at version ${actual}, not ${expected}: read it again and retry`);
  }
}

const rulesBody = (r: Omit<RuleSet, 'version' | 'effectiveFrom'>) => JSON.stringify({ pendingDays: r.pendingDays, expiry: r.expiry, rules: r.rules, tiers: tiersOf(r) });
const catalogueBody = (c: Omit<Catalogue, 'version'>) => JSON.stringify({ items: c.items, reservationTimeoutMinutes: c.reservationTimeoutMinutes });

export const initialRulebook: Rulebook = {
  rules: { version: DEFAULT_RULES.version, effectiveFrom: new Date(0).toISOString(), body: rulesBody(DEFAULT_RULES) },
  catalogue: { version: DEFAULT_CATALOGUE.version, body: catalogueBody(DEFAULT_CATALOGUE) },
};

const invalid = (field: string, reason: string) => new ValidationError('POINTS.INVALID_RULEBOOK', `Invalid ${field}: ${reason}`, [{ field, reason }]);

export function checkRules(r: Omit<RuleSet, 'version' | 'effectiveFrom'>): void {
  const ids = new Set<string>();
  r.rules.forEach((rule, i) => {
    if (ids.has(rule.id)) throw invalid(`rules.${i}.id`, 'must be unique');
    ids.add(rule.id);
    if (rule.when && Object.values(rule.when).some((v) => typeof v !== 'string')) throw invalid(`rules.${i}.when`, 'values must be strings');
  });
  const t = tiersOf(r).thresholds;
  if (!(t.bronze < t.silver && t.silver < t.gold && t.gold < t.platinum)) throw invalid('tiers.thresholds', 'must rise strictly: bronze < silver < gold < platinum');
}

function checkCatalogue(c: Omit<Catalogue, 'version'>): void {
  const ids = new Set<string>();
  c.items.forEach((item, i) => {
    if (ids.has(item.id)) throw invalid(`items.${i}.id`, 'must be unique');
    ids.add(item.id);
    if (item.availableFrom && item.availableUntil && Date.parse(item.availableFrom) >= Date.parse(item.availableUntil)) throw invalid(`items.${i}.availableUntil`, 'must be after availableFrom');
  });
}

export const evolveRulebook = (s: Rulebook, e: RulebookEvent): Rulebook => {
  switch (e.type) {
    case 'RulesChanged':
      return { ...s, rules: { version: e.data.version, effectiveFrom: e.data.effectiveFrom, body: rulesBody(e.data) } };
    case 'CatalogueChanged':
      return { ...s, catalogue: { version: e.data.version, body: catalogueBody(e.data) } };
    default:
      return s;
  }
};

export const decideRulebook = (cmd: RulebookCommand, s: Rulebook): RulebookEvent[] => {
  const now = cmd.metadata.now;
  const { reason, by, expectedVersion } = cmd.data;
  switch (cmd.type) {
    case 'ChangeRules': {
      const r = cmd.data.ruleSet;
      if (expectedVersion !== undefined && expectedVersion !== s.rules.version) throw new VersionMismatch('rule set', expectedVersion, s.rules.version);
      checkRules(r);
      const effectiveFrom = (cmd.data.effectiveFrom ?? now).toISOString();
      // Versions are ordered in time too, so "the version in force at t" has one answer.
      if (effectiveFrom < s.rules.effectiveFrom) throw invalid('effectiveFrom', `must not be before ${s.rules.effectiveFrom} (version ${s.rules.version})`);
      if (rulesBody(r) === s.rules.body) return [];
      return [
        {
          type: 'RulesChanged',
          data: { version: s.rules.version + 1, effectiveFrom, pendingDays: r.pendingDays, expiry: r.expiry, rules: r.rules.map((x) => ({ ...x })), tiers: tiersOf(r), reason, by, at: now.toISOString() },
        },
      ];
    }
    case 'ChangeCatalogue': {
      const c = cmd.data.catalogue;
      if (expectedVersion !== undefined && expectedVersion !== s.catalogue.version) throw new VersionMismatch('catalogue', expectedVersion, s.catalogue.version);
      checkCatalogue(c);
      if (catalogueBody(c) === s.catalogue.body) return [];
      return [{ type: 'CatalogueChanged', data: { version: s.catalogue.version + 1, items: c.items.map((x) => ({ ...x })), reservationTimeoutMinutes: c.reservationTimeoutMinutes, reason, by, at: now.toISOString() } }];
    }
  }
};

export const rulebookDecider = { decide: decideRulebook, evolve: evolveRulebook, initialState: initialRulebook };

/** The rule set a RulesChanged event records. */
export const ruleSetOf = (e: RulesChangedData): RuleSet => ({ version: e.version, effectiveFrom: e.effectiveFrom, pendingDays: e.pendingDays, expiry: e.expiry, rules: e.rules, tiers: tiersOf(e) });
export const catalogueOf = (e: CatalogueChangedData): Catalogue => ({ version: e.version, items: e.items, reservationTimeoutMinutes: e.reservationTimeoutMinutes });
