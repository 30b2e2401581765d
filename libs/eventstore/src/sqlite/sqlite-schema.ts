import type Database from 'better-sqlite3';
import type { EventMetadata, RecordedEvent } from '../event-store.port';

/**
 * One table is the log: the INTEGER PRIMARY KEY is the global position (commit = prepare), the
 * UNIQUE (stream, revision) index backs optimistic concurrency even if two writers raced past the
 * revision check, and the id index makes the idempotency look-up of an `any` append cheap.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  id          TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events (stream, revision);
CREATE INDEX IF NOT EXISTS events_id ON events (id);
CREATE TABLE IF NOT EXISTS checkpoints (
  subscriber TEXT PRIMARY KEY,
  position   TEXT NOT NULL
);
`;

/** How long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * WAL lets readers (subscriptions, other processes) run beside the single writer. `synchronous=FULL`
 * fsyncs the WAL on every commit: a points ledger must not forget an acknowledged append on power
 * loss, which NORMAL allows in WAL mode (it only syncs at checkpoints). The bench shows the price.
 */
export function applyPragmas(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

export function createSchema(db: Database.Database): void {
  // IMMEDIATE: two processes opening a fresh file at once must not both try to create the tables
  // in a deferred transaction and deadlock on the lock upgrade.
  db.transaction(() => db.exec(DDL)).immediate();
}

export interface EventRow {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: number;
}

export const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = BigInt(row.position);
  return {
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    stream: row.stream,
    revision: row.revision,
    position: { commit: position, prepare: position },
    recordedAt: new Date(row.recorded_at),
  };
}
