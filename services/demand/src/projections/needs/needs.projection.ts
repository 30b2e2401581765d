import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { NeedEvent } from '../../domain/need/need.events';
import { evolve, type Need } from '../../domain/need/need.state';

/**
 * One row per need with its saga status: the operators' review queue, the public list of published
 * needs, and the saga job's work list (unfinished steps, reviews past their deadline). The row keeps
 * the folded state as JSON, so the fold is the aggregate's own `evolve`.
 */
export const needsProjection: SqlProjection = {
  name: 'needs',
  // v2: captured needs fold to `listing` until listed as demands (old ones too: the saga job lists them).
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS needs (
      need_id TEXT PRIMARY KEY, expert_id TEXT NOT NULL, status TEXT NOT NULL, review_deadline TEXT NOT NULL,
      requested_at TEXT NOT NULL, state TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS needs_status ON needs (status, review_deadline);`,
  tables: ['needs'],
  filter: { streamPrefixes: ['need-'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = { type: recorded.type, data: recorded.data } as NeedEvent;
    const row = db.prepare<[string], { state: string }>('SELECT state FROM needs WHERE need_id = ?').get(e.data.needId);
    const before: Need = row ? (JSON.parse(row.state) as Need) : { status: 'none' };
    const after = evolve(before, e);
    if (after.status === 'none') return;
    db.prepare('INSERT OR REPLACE INTO needs (need_id, expert_id, status, review_deadline, requested_at, state) VALUES (?, ?, ?, ?, ?, ?)').run(
      after.needId, after.expertId, after.status, after.reviewDeadline, after.requestedAt, JSON.stringify(after),
    );
  },
};

const states = (rows: { state: string }[]) => rows.map((r) => JSON.parse(r.state) as Exclude<Need, { status: 'none' }>);

/** Needs whose saga has a call to make, and needs still in review after their deadline. */
export function needsToAdvance(db: Database.Database, now: Date): { unfinished: string[]; overdue: string[] } {
  const ids = (sql: string, ...params: string[]) => db.prepare<string[], { need_id: string }>(sql).all(...params).map((r) => r.need_id);
  return {
    unfinished: ids("SELECT need_id FROM needs WHERE status IN ('reserving', 'capturing', 'listing', 'releasing') ORDER BY requested_at LIMIT 500"),
    overdue: ids("SELECT need_id FROM needs WHERE status = 'in-review' AND review_deadline <= ? ORDER BY review_deadline LIMIT 500", now.toISOString()),
  };
}

export const listNeeds = (db: Database.Database, filter: { status?: string; expertId?: string }) =>
  states(
    db
      .prepare<string[], { state: string }>(
        `SELECT state FROM needs WHERE ${filter.status ? 'status = ?' : '1 = 1'} AND ${filter.expertId ? 'expert_id = ?' : '1 = 1'} ORDER BY requested_at DESC, need_id LIMIT 200`,
      )
      .all(...[filter.status, filter.expertId].filter((x): x is string => x !== undefined)),
  );
