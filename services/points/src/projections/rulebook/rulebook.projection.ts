import type Database from 'better-sqlite3';
import type { CatalogueChangedData, RulesChangedData } from '../../domain/rulebook/rulebook.decide';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { DEFAULT_CATALOGUE, type Catalogue } from '../../domain/catalogue/redemption-catalogue';
import { catalogueOf, RULEBOOK_STREAM, ruleSetOf } from '../../domain/rulebook/rulebook.decide';
import { DEFAULT_RULES, type RuleSet } from '../../domain/rules/earning-rules';

/** Every version of the rule set and of the catalogue, as recorded (v1 lives in code). */
export const rulebookProjection: SqlProjection = {
  name: 'points_rulebook',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS points_rulebook (
      kind TEXT NOT NULL, version INTEGER NOT NULL, effective_from TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, version)
    );
  `,
  tables: ['points_rulebook'],
  filter: { streamPrefixes: [RULEBOOK_STREAM] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const insert = db.prepare('INSERT OR REPLACE INTO points_rulebook VALUES (?, ?, ?, ?)');
    if (recorded.type === 'RulesChanged') {
      const e = recorded.data as RulesChangedData;
      insert.run('rules', e.version, e.effectiveFrom, JSON.stringify(ruleSetOf(e)));
    } else if (recorded.type === 'CatalogueChanged') {
      const e = recorded.data as CatalogueChangedData;
      insert.run('catalogue', e.version, e.at, JSON.stringify(catalogueOf(e)));
    }
  },
};

interface Row {
  version: number;
  body: string;
}

/** The rule set in force for a source that occurred at `at`: the latest version effective by then. */
export function ruleSetAt(db: Database.Database, at: Date): RuleSet {
  const row = db
    .prepare<[string], Row>("SELECT version, body FROM points_rulebook WHERE kind = 'rules' AND effective_from <= ? ORDER BY version DESC LIMIT 1")
    .get(at.toISOString());
  return row ? (JSON.parse(row.body) as RuleSet) : DEFAULT_RULES;
}

export function latestRuleSet(db: Database.Database): RuleSet {
  const row = db.prepare<[], Row>("SELECT version, body FROM points_rulebook WHERE kind = 'rules' ORDER BY version DESC LIMIT 1").get();
  return row ? (JSON.parse(row.body) as RuleSet) : DEFAULT_RULES;
}

export function ruleSetVersion(db: Database.Database, version: number): RuleSet | undefined {
  if (version === DEFAULT_RULES.version) return DEFAULT_RULES;
  const row = db.prepare<[number], Row>("SELECT version, body FROM points_rulebook WHERE kind = 'rules' AND version = ?").get(version);
  return row ? (JSON.parse(row.body) as RuleSet) : undefined;
}

export function latestCatalogue(db: Database.Database): Catalogue {
  const row = db.prepare<[], Row>("SELECT version, body FROM points_rulebook WHERE kind = 'catalogue' ORDER BY version DESC LIMIT 1").get();
  return row ? (JSON.parse(row.body) as Catalogue) : DEFAULT_CATALOGUE;
}
