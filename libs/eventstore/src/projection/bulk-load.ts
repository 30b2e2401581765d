import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { EventStore, Position, RecordedEvent } from '../event-store.port';
import type { SqlProjection } from './projection';

const INDEX = /^\s*CREATE\s+(UNIQUE\s+)?INDEX\b/i;

/** The projection's schema as statements, its secondary indexes apart (they are built after a bulk load). */
export function splitSchema(schema: string): { tables: string[]; indexes: string[] } {
  const statements = schema
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { tables: statements.filter((s) => !INDEX.test(s)), indexes: statements.filter((s) => INDEX.test(s)) };
}

export const removeScratch = (file: string): void => {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
};

export interface BulkLoadOptions {
  /** The scratch file: removed first (a crashed load's leftovers), filled, indexed, left for the caller to copy. */
  readonly file: string;
  readonly store: EventStore;
  readonly projection: SqlProjection;
  readonly matches: (e: RecordedEvent) => boolean;
  readonly batchSize: number;
  /** Checked between batches: true ends the load early (the scratch file is then useless). */
  readonly stopped: () => boolean;
}

/**
 * A projection built from position 0 into a scratch file with a rebuild's settings: no rollback
 * journal and no fsync (a load that crashes is thrown away and started again, so it needs neither),
 * and the secondary indexes created once at the end, by one sort each, instead of maintained row by
 * row. The rows are applied by the projection's own `applyBatch`/`apply`, in store order, in the same
 * batches as the live path, so they are the rows an event-by-event build leaves. Returns the position
 * of the last event read (the store's end when the load began, or later), or undefined if stopped
 * (or the store is empty).
 */
export async function loadInBulk(o: BulkLoadOptions): Promise<Position | undefined> {
  removeScratch(o.file);
  const db = new Database(o.file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -131072');
    const { tables, indexes } = splitSchema(o.projection.schema);
    for (const s of tables) db.exec(s);
    const p = o.projection;
    const apply = db.transaction((events: RecordedEvent[]) => {
      if (events.length === 0) return;
      if (p.applyBatch) p.applyBatch(db, events);
      else for (const e of events) p.apply(db, e);
    });
    let last: Position | undefined;
    let batch: RecordedEvent[] = [];
    let read = 0;
    for await (const e of o.store.readAll()) {
      last = e.position;
      if (o.matches(e)) batch.push(e);
      if (++read % o.batchSize === 0) {
        apply(batch);
        batch = [];
        // Lets stop() and other work in; reading the whole log in one go would hold the event loop.
        await new Promise((resolve) => setImmediate(resolve));
        if (o.stopped()) return undefined;
      }
    }
    apply(batch);
    for (const s of indexes) db.exec(s);
    return last;
  } finally {
    db.close();
  }
}
