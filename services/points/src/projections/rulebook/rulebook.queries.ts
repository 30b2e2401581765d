import type Database from 'better-sqlite3';
import type { Catalogue } from '../../domain/catalogue/redemption-catalogue';
import type { RuleSet } from '../../domain/rules/earning-rules';
import { prepared } from '../prepared';
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
  /** The parsed catalogue of the latest version read: every redemption asks, versions change rarely. */
  private catalogueSeen: { version: number | undefined; catalogue: Catalogue } | undefined;

  constructor(private readonly db: Database.Database) {}
  current = () => latestRuleSet(this.db);
  at = (at: Date) => ruleSetAt(this.db, at);
  version = (version: number) => ruleSetVersion(this.db, version);
  catalogue = (): Catalogue => {
    // Versions only grow and a version's body never changes: the latest version number says whether the parsed one is current.
    const latest = prepared<[], { version: number }>(this.db, "SELECT version FROM points_rulebook WHERE kind = 'catalogue' ORDER BY version DESC LIMIT 1").get()?.version;
    if (this.catalogueSeen?.version !== latest || this.catalogueSeen === undefined) this.catalogueSeen = { version: latest, catalogue: latestCatalogue(this.db) };
    return this.catalogueSeen.catalogue;
  };
}
