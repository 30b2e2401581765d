import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { FunnelEvent } from '../../domain/funnel/funnel.events';
import type { NdaEvent } from '../../domain/nda/nda.events';

/**
 * Which expert may find which non-public demand: the NDAs accepted (confidential) and the experts the
 * matching service matched (restricted). Lets browse and search list such a demand to exactly those
 * experts; the demand's own `nda-<id>` and `funnel-<id>` streams stay the authority for reads by id.
 */
export const confidentialAccessProjection: SqlProjection = {
  name: 'confidential_access',
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS confidential_access_ndas (
      demand_id TEXT NOT NULL, expert_id TEXT NOT NULL, nda_version TEXT NOT NULL, accepted_at TEXT NOT NULL, PRIMARY KEY (expert_id, demand_id)
    );
    CREATE TABLE IF NOT EXISTS confidential_access_matches (
      demand_id TEXT NOT NULL, expert_id TEXT NOT NULL, PRIMARY KEY (expert_id, demand_id)
    );`,
  tables: ['confidential_access_ndas', 'confidential_access_matches'],
  filter: { streamPrefixes: ['nda-', 'funnel-'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = { type: recorded.type, data: recorded.data } as NdaEvent | FunnelEvent;
    if (e.type === 'NdaAccepted') {
      db.prepare('INSERT OR IGNORE INTO confidential_access_ndas VALUES (?, ?, ?, ?)').run(e.data.demandId, e.data.expertId, e.data.ndaVersion, e.data.acceptedAt);
    } else if (e.type === 'ExpertsMatchedToDemand') {
      const matched = db.prepare('INSERT OR IGNORE INTO confidential_access_matches VALUES (?, ?)');
      for (const expertId of e.data.expertIds) matched.run(e.data.demandId, expertId);
    }
  },
};

/** SQL: the catalogue row aliased `c` is a demand the matching service matched the expert (one parameter) to. */
export const MATCHED_SQL = 'EXISTS (SELECT 1 FROM confidential_access_matches m WHERE m.expert_id = ? AND m.demand_id = c.demand_id)';

/** SQL: the catalogue row aliased `c` is a confidential demand whose NDA the expert (one parameter) accepted. */
export const ACCEPTED_NDA_SQL = 'EXISTS (SELECT 1 FROM confidential_access_ndas a WHERE a.expert_id = ? AND a.demand_id = c.demand_id)';
