import Database from 'better-sqlite3';
import type { EventStore } from '../event-store.port';
import type { SqlProjection } from './projection';

/**
 * Builds projections as they were at an instant: every event recorded before `until` is applied, in
 * order, into a fresh database (a temporary file or `:memory:`), which is returned for querying.
 * The live read models are untouched.
 */
export async function buildProjectionsAsOf(store: EventStore, projections: readonly SqlProjection[], until: Date, file = ':memory:'): Promise<Database.Database> {
  const db = new Database(file);
  for (const p of projections) db.exec(p.schema);
  const limit = until.getTime();
  let batch: (() => void)[] = [];
  const flush = () => {
    db.transaction(() => batch.forEach((apply) => apply()))();
    batch = [];
  };
  for await (const e of store.readAll()) {
    if (e.recordedAt.getTime() >= limit) break;
    for (const p of projections) {
      const typeOk = p.filter.eventTypes === undefined || p.filter.eventTypes.includes(e.type);
      const streamOk = p.filter.streamPrefixes === undefined || p.filter.streamPrefixes.some((prefix) => e.stream.startsWith(prefix));
      if (typeOk && streamOk) batch.push(() => p.apply(db, e));
    }
    if (batch.length >= 1_000) flush();
  }
  flush();
  return db;
}
