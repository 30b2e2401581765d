import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type AllFilter,
  type AppendOptions,
  type AppendResult,
  type CheckpointStore,
  type EventStore,
  type EventSubscription,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  parsePosition,
  positionToString,
} from '../event-store.port';
import type { PendingWrite } from './sqlite-append';
import { decodeStoreError, STORE_WRITER_MODULE, type StoreWriterOptions } from './sqlite-store-writer';
import { WriterThread } from './writer-thread/writer-thread';
import { assertValidEvents } from '../event-validation';
import { applyPragmas, createSchema, EVENT_COLUMNS, type EventRow, POSITION, REVISION, toRecordedEvent } from './sqlite-schema';
import { AppendNotifier, type LogReader, SqliteSubscription } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  /** Path of the database file; its directory is created if missing. */
  readonly file: string;
  /** How often a caught-up subscription looks for appends made by other processes. */
  readonly pollIntervalMs?: number;
  /** Rows fetched per query when reading or catching up; bounds memory on long streams. */
  readonly pageSize?: number;
}

/** The embedded, durable default: one SQLite file per service. See README.md for the guarantees. */
export class SqliteEventStore implements EventStore, LogReader {
  readonly checkpoints: CheckpointStore;
  /** Appends and checkpoint writes, committed (and fsynced) off the event loop; reads stay on `db`. */
  private readonly writer: WriterThread<PendingWrite, AppendResult | undefined>;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly headStmt: Database.Statement<[], { position: number | null }>;
  /** Reads run the same few statements (per filter shape) over and over: compile each once. */
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * The newest stretch of the log read whole, decoded: exactly the events with `lo < position <= hi`.
   * Every subscription of this store (the relay, each projection) is woken by the same commit and reads
   * the same new events: the first reads and decodes them, the others take these objects.
   */
  private tail: { lo: number; hi: number; events: RecordedEvent[] } | undefined;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly pollIntervalMs: number,
    private readonly pageSize: number,
  ) {
    const options: StoreWriterOptions = { file };
    this.writer = new WriterThread({ module: STORE_WRITER_MODULE, options, decodeError: decodeStoreError });
    this.headStmt = db.prepare('SELECT max(position) AS position FROM events');
    this.checkpoints = new SqliteCheckpoints(db, (write) => this.write(write));
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const file = resolve(options.file);
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      applyPragmas(db);
      createSchema(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteEventStore(db, file, options.pollIntervalMs ?? 100, options.pageSize ?? 500);
  }

  /**
   * Group commit, in the writer thread: appends that arrive while the previous commit is on disk share
   * the next transaction and its fsync; each caller is answered after that commit, with its own result
   * or its own WrongExpectedVersion (checked per stream, in arrival order). The event loop never waits
   * for the disk.
   */
  async append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    if (this.closed) throw new Error('The event store is closed');
    const expected = options?.expectedRevision ?? 'any';
    assertValidEvents(stream, events, expected);
    return (await this.write({ kind: 'append', stream, events, expected }))!;
  }

  /** Subscriptions of this file in this process are woken by the commit itself, not by their poll. */
  private async write(write: PendingWrite): Promise<AppendResult | undefined> {
    const result = await this.writer.submit(write);
    if (write.kind === 'append') AppendNotifier.notify(this.file);
    return result;
  }

  /** @internal Fault injection for tests: the writer thread as it runs now. */
  get writerThread(): WriterThread<PendingWrite, AppendResult | undefined> {
    return this.writer;
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromRevision ?? (forwards ? 'start' : 'end');
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    // Cursor is the next revision to read, inclusive.
    let cursor = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : from;
    if (from === 'end' && forwards) return;
    const sql = forwards
      ? `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`
      : `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`;
    const stmt = this.prepared<[string, number, number]>(sql);
    while (remaining > 0) {
      const rows = stmt.all(stream, cursor, Math.min(this.pageSize, remaining));
      for (const row of rows) yield toRecordedEvent(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < Math.min(this.pageSize, remaining)) return;
      remaining -= rows.length;
      cursor = forwards ? last[REVISION] + 1 : last[REVISION] - 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromPosition ?? (forwards ? 'start' : 'end');
    if (from === 'end' && forwards) return;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let cursor = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : Number(from.commit);
    const where = filterSql(options.filter);
    const sql = forwards
      ? `SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ${where.sql} ORDER BY position ASC LIMIT ?`
      : `SELECT ${EVENT_COLUMNS} FROM events WHERE position <= ? ${where.sql} ORDER BY position DESC LIMIT ?`;
    const stmt = this.prepared<unknown[]>(sql);
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = stmt.all(cursor, ...where.params, limit);
      for (const row of rows) yield toRecordedEvent(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < limit) return;
      remaining -= rows.length;
      cursor = forwards ? last[POSITION] + 1 : last[POSITION] - 1;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    if (this.closed) throw new Error('SqliteEventStore is closed');
    const from = options.fromPosition ?? 'start';
    const after = from === 'start' ? 0 : from === 'end' ? this.headPosition() : Number(from.commit);
    const subscription = new SqliteSubscription({
      file: this.file,
      reader: this,
      after,
      filter: options.filter,
      pollIntervalMs: this.pollIntervalMs,
      pageSize: this.pageSize,
      onEnd: (s) => this.subscriptions.delete(s),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** @internal LogReader for subscriptions. */
  headPosition(): number {
    return this.headStmt.get()?.position ?? 0;
  }

  /**
   * @internal LogReader for subscriptions. Unfiltered reads of the newest events are served from `tail`
   * (filling it first): a commit is read and parsed once for all of this store's subscriptions, not once
   * per subscription. The events are shared, so they are frozen (data and metadata too): a reader that
   * tried to change one would throw, never change what the others see.
   */
  readRange(after: number, upTo: number, filter: AllFilter | undefined, limit: number): RecordedEvent[] {
    if (filter !== undefined || limit <= 0) return this.queryRange(after, upTo, filter, limit);
    let tail = this.tail;
    if (tail === undefined || after < tail.lo || after > tail.hi) {
      // Behind the tail (a subscription catching up) reads the file and leaves the tail alone; ahead of it, starts a new one.
      if (tail !== undefined && after < tail.lo) return this.queryRange(after, upTo, undefined, limit);
      tail = this.tail = { lo: after, hi: after, events: [] };
    }
    if (upTo > tail.hi && countAfter(tail.events, after) < limit) {
      // Complete the tail up to upTo (or by a full page): what the file holds between hi and upTo.
      const want = TAIL_PAGE;
      const read = this.queryRange(tail.hi, upTo, undefined, want);
      for (const e of read) deepFreeze(e);
      tail.events.push(...read);
      tail.hi = read.length < want ? upTo : Number(read[read.length - 1]!.position.commit);
      if (tail.events.length > TAIL_EVENTS) {
        const drop = tail.events.length - TAIL_EVENTS;
        tail.lo = Number(tail.events[drop - 1]!.position.commit);
        tail.events.splice(0, drop);
        if (after < tail.lo) return this.queryRange(after, upTo, undefined, limit);
      }
    }
    const from = firstAfter(tail.events, after);
    const out: RecordedEvent[] = [];
    for (let i = from; i < tail.events.length && out.length < limit; i++) {
      const e = tail.events[i]!;
      if (Number(e.position.commit) > upTo) break;
      out.push(e);
    }
    return out;
  }

  private queryRange(after: number, upTo: number, filter: AllFilter | undefined, limit: number): RecordedEvent[] {
    const where = filterSql(filter);
    const rows = this.prepared<unknown[]>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ${where.sql} ORDER BY position ASC LIMIT ?`).all(
      after,
      upTo,
      ...where.params,
      limit,
    );
    return rows.map(toRecordedEvent);
  }

  /** A read of events, rows in raw mode (see EventRow). */
  private prepared<P extends unknown[]>(sql: string): Database.Statement<P, EventRow> {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) this.statements.set(sql, (stmt = this.db.prepare(sql).raw(true)));
    return stmt as unknown as Database.Statement<P, EventRow>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already accepted are committed before the file closes.
    await this.writer.close();
    for (const s of [...this.subscriptions]) await s.unsubscribe();
    this.db.close();
  }
}

/** Loads read the main connection; stores go through the writer thread, grouped with appends. */
class SqliteCheckpoints implements CheckpointStore {
  private readonly loadStmt: Database.Statement<[string], { position: string }>;

  constructor(
    db: Database.Database,
    private readonly write: (w: PendingWrite) => Promise<unknown>,
  ) {
    this.loadStmt = db.prepare('SELECT position FROM checkpoints WHERE subscriber = ?');
  }

  async load(subscriber: string): Promise<Position | undefined> {
    const row = this.loadStmt.get(subscriber);
    return row === undefined ? undefined : parsePosition(row.position);
  }

  async store(subscriber: string, position: Position): Promise<void> {
    await this.write({ kind: 'checkpoint', subscriber, position: positionToString(position) });
  }
}

/** Events the shared tail holds at most, and reads it in: a few subscriptions' pages. */
const TAIL_EVENTS = 4_096;
const TAIL_PAGE = 1_000;

/** Freezes an event and everything it holds (data, metadata, position), so readers sharing it cannot change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Index of the first event after `position` in events sorted by position. */
function firstAfter(events: readonly RecordedEvent[], position: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number(events[mid]!.position.commit) <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const countAfter = (events: readonly RecordedEvent[], position: number): number => events.length - firstAfter(events, position);

/** Prefix match with substr rather than LIKE, so `%` and `_` in stream names mean themselves. */
function filterSql(filter: AllFilter | undefined): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const prefixes = filter?.streamPrefixes;
  if (prefixes !== undefined) {
    if (prefixes.length === 0) return { sql: 'AND 0', params: [] };
    clauses.push(`(${prefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ')})`);
    for (const p of prefixes) params.push(p.length, p);
  }
  const types = filter?.eventTypes;
  if (types !== undefined) {
    if (types.length === 0) return { sql: 'AND 0', params: [] };
    clauses.push(`type IN (${types.map(() => '?').join(', ')})`);
    params.push(...types);
  }
  return { sql: clauses.map((c) => `AND ${c}`).join(' '), params };
}
