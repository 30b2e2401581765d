import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { NdaEvent } from '../../domain/nda/nda.events';

/**
 * Which expert accepted which confidential demand's NDA: lets browse and search list a confidential
 * demand to exactly those experts (the demand's own `nda-<id>` stream stays the authority for reads by id).
 */
export const confidentialAccessProjection: SqlProjection = {
  name: 'confidential_access',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS confidential_access_ndas (
      demand_id TEXT NOT NULL, expert_id TEXT NOT NULL, nda_version TEXT NOT NULL, accepted_at TEXT NOT NULL, PRIMARY KEY (expert_id, demand_id)
    );`,
  tables: ['confidential_access_ndas'],
  filter: { streamPrefixes: ['nda-'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = { type: recorded.type, data: recorded.data } as NdaEvent;
    if (e.type !== 'NdaAccepted') return;
    db.prepare('INSERT OR IGNORE INTO confidential_access_ndas VALUES (?, ?, ?, ?)').run(e.data.demandId, e.data.expertId, e.data.ndaVersion, e.data.acceptedAt);
  },
};

/** SQL: the catalogue row aliased `c` is a confidential demand whose NDA the expert (one parameter) accepted. */
export const ACCEPTED_NDA_SQL = 'EXISTS (SELECT 1 FROM confidential_access_ndas a WHERE a.expert_id = ? AND a.demand_id = c.demand_id)';
