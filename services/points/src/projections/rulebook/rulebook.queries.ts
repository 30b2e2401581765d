import type Database from 'better-sqlite3';
import type { Catalogue } from '../../domain/catalogue/redemption-catalogue';
import type { RuleSet } from '../../domain/rules/earning-rules';
import { latestCatalogue, latestRuleSet, ruleSetAt, ruleSetVersion } from './rulebook.projection';

/**
 * The rule set and the catalogue in force, from the `points_rulebook` read model (fed by the
 * RulesChanged / CatalogueChanged events operators write; v1 when none).
 */
export abstract class RulebookQueries {
  /** The latest rule set (what GET /rules shows, and what adjustments take their expiry from). */
  abstract current(): RuleSet;
  /** The rule set in force for a source event that occurred at `at`. */
  abstract at(at: Date): RuleSet;
  abstract version(version: number): RuleSet | undefined;
  abstract catalogue(): Catalogue;
}

export class SqliteRulebookQueries implements RulebookQueries {
  constructor(private readonly db: Database.Database) {}
  current = () => latestRuleSet(this.db);
  at = (at: Date) => ruleSetAt(this.db, at);
  version = (version: number) => ruleSetVersion(this.db, version);
  catalogue = () => latestCatalogue(this.db);
}
