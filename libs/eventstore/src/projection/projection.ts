import type Database from 'better-sqlite3';
import type { AllFilter, RecordedEvent } from '../event-store.port';

/**
 * A read model kept in SQL tables of the service's projection database (a SQLite file beside the
 * service; each replica keeps its own, fed from the service's event store). `apply` writes the
 * event's effect with the statements it likes; the runner calls it inside the same transaction that
 * moves the projection's checkpoint, so state and checkpoint can never disagree.
 */
export interface SqlProjection {
  /** Stable name: checkpoint key and part of table names by convention (`<name>_...`). */
  readonly name: string;
  /**
   * Bump when `schema` or `apply` changes meaning: the runner then drops `tables`, runs `schema` and
   * rebuilds from position 0. Tables a new version no longer owns are for its schema to drop.
   */
  readonly version: number;
  /** `CREATE TABLE IF NOT EXISTS ...` (and indexes). Run once per open. */
  readonly schema: string;
  /** Tables this projection owns: cleared on rebuild, hashed by `checksum`. */
  readonly tables: readonly string[];
  /** Which events it reads; only these reach `apply`. */
  readonly filter: AllFilter;
  /** Must be deterministic: same events in the same order, same rows (rebuild equals live). */
  apply(db: Database.Database, event: RecordedEvent): void;
  /**
   * Optional, for speed: applies a batch of matching events in store order, typically folding them in
   * memory and writing each touched row once. It must leave exactly the rows `apply` leaves applied
   * one event at a time; the runner calls it, when present, inside the batch's transaction.
   */
  applyBatch?(db: Database.Database, events: readonly RecordedEvent[]): void;
  /**
   * Optional, for speed: built from position 0 (first start, version bump, `rebuild`) in a scratch file
   * with a rebuild's settings, then copied over its tables with the checkpoint in one transaction
   * (`bulk-load.ts`). Only for projections whose rows are all their state (no rowid another table
   * refers to, no virtual tables or triggers): the copy carries the columns, not the rowids.
   */
  readonly rebuildInBulk?: boolean;
}
