import type Database from 'better-sqlite3';
import type { EventMetadata, Position, RecordedEvent } from '../event-store.port';

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

export const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';

/**
 * A row of EVENT_COLUMNS as read in raw mode (an array, in that order): better-sqlite3 builds an array
 * at about half the cost of an object with named keys, and every reader of the log pays it per event.
 */
export type EventRow = readonly [position: number, stream: string, revision: number, id: string, type: string, data: string, metadata: string, recordedAt: number];

/** Column indexes of an EventRow. */
export const POSITION = 0;
export const REVISION = 2;

/**
 * A recorded event decoded from its row. It also keeps the row's data text: the store wrote it with
 * JSON.stringify, so it is exactly what JSON.stringify(data) would give again, and the relay publishes it
 * as it is instead of serialising the parsed data once more (decision 0055). Private, so it is not
 * part of the event as readers see it (spread, keys, JSON, equality in tests); a copy (`{ ...e }`) is a
 * plain object without it.
 */
class StoredEvent implements RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly stream: string;
  readonly revision: number;
  readonly position: Position;
  readonly recordedAt: Date;
  readonly #dataJson: string;

  constructor(row: EventRow) {
    const position = BigInt(row[0]);
    this.id = row[3];
    this.type = row[4];
    this.data = JSON.parse(row[5]) as unknown;
    this.metadata = JSON.parse(row[6]) as EventMetadata;
    this.stream = row[1];
    this.revision = row[2];
    this.position = { commit: position, prepare: position };
    this.recordedAt = new Date(row[7]);
    this.#dataJson = row[5];
  }

  static dataJson(event: RecordedEvent, data: unknown): string | undefined {
    // Only for the very value the store parsed: a translator's own data is serialised as before.
    return #dataJson in event && event.data === data ? event.#dataJson : undefined;
  }
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return new StoredEvent(row);
}

/**
 * The stored JSON text of `data` when it is `event`'s data as read from this store (JSON.stringify of
 * it gives the same text), else undefined. Lets the relay skip serialising it again; nothing else needs it.
 */
export const storedDataJson = (event: RecordedEvent, data: unknown): string | undefined => StoredEvent.dataJson(event, data);
