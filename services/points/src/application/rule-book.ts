import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { PROJECTIONS } from '@hope/platform';
import type { Catalogue } from '../domain/catalogue/redemption-catalogue';
import type { RuleSet } from '../domain/rules/earning-rules';
import { latestCatalogue, latestRuleSet, ruleSetAt, ruleSetVersion } from '../projections/rulebook/rulebook.projection';

/**
 * Where the rule set and the catalogue in force come from: the `points_rulebook` read model, fed by the
 * RulesChanged / CatalogueChanged events operators write (v1 when none). Handlers read them through
 * this port; every earning records the version it used.
 */
export const RULE_BOOK = Symbol('RULE_BOOK');

export interface RuleBook {
  /** The latest rule set (what GET /rules shows, and what adjustments take their expiry from). */
  current(): RuleSet;
  /** The rule set in force for a source event that occurred at `at`. */
  at(at: Date): RuleSet;
  version(version: number): RuleSet | undefined;
  catalogue(): Catalogue;
}

@Injectable()
export class ProjectedRuleBook implements RuleBook {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionRunner) {}
  current = () => latestRuleSet(this.projections.db);
  at = (at: Date) => ruleSetAt(this.projections.db, at);
  version = (version: number) => ruleSetVersion(this.projections.db, version);
  catalogue = () => latestCatalogue(this.projections.db);
}
