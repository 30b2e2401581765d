import type Database from 'better-sqlite3';
import { WrongExpectedVersion, type AppendResult, type ExpectedRevision, type NewEvent } from '../event-store.port';
import { assertValidEvents } from '../event-validation';

export interface PendingAppend {
  readonly kind: 'append';
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

/** A subscriber's checkpoint, written in the same transaction (and fsync) as the appends beside it. */
export interface PendingCheckpoint {
  readonly kind: 'checkpoint';
  readonly subscriber: string;
  readonly position: string;
}

export type PendingWrite = PendingAppend | PendingCheckpoint;

interface Statements {
  readonly currentRevision: Database.Statement<[string], { revision: number | null }>;
  readonly idsFrom: Database.Statement<[string, number, number], { revision: number; id: string; position: number }>;
  readonly revisionOfId: Database.Statement<[string, string], { revision: number }>;
  readonly lastPosition: Database.Statement<[string], { position: number }>;
  readonly insert: Database.Statement<[string, number, string, string, string, string, number]>;
  readonly storeCheckpoint: Database.Statement<[string, string]>;
}

/**
 * Appends one batch in one IMMEDIATE transaction: the write lock is taken before the revision is
 * read, so the check and the insert cannot interleave with another writer (in this process or another).
 */
export class SqliteAppender {
  private readonly s: Statements;
  private readonly appendTx: (stream: string, events: readonly NewEvent[], expected: ExpectedRevision) => AppendResult;
  private readonly groupTx: (batch: readonly PendingWrite[]) => (AppendResult | undefined | Error)[];

  constructor(db: Database.Database, private readonly now: () => number = Date.now) {
    this.s = {
      currentRevision: db.prepare('SELECT max(revision) AS revision FROM events WHERE stream = ?'),
      idsFrom: db.prepare(
        'SELECT revision, id, position FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      // INDEXED BY: with ORDER BY revision the planner preferred the (stream, revision) index and walked
      // the whole stream (2.5 ms at 10k events, 4.2 ms at 50k); the id index finds the row at once.
      revisionOfId: db.prepare('SELECT revision FROM events INDEXED BY events_id WHERE id = ? AND stream = ? ORDER BY revision LIMIT 1'),
      lastPosition: db.prepare('SELECT max(position) AS position FROM events WHERE stream = ?'),
      insert: db.prepare(
        'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      storeCheckpoint: db.prepare(
        'INSERT INTO checkpoints (subscriber, position) VALUES (?, ?) ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position',
      ),
    };
    const tx = db.transaction((stream: string, events: readonly NewEvent[], expected: ExpectedRevision) =>
      this.appendInTransaction(stream, events, expected),
    );
    this.appendTx = (stream, events, expected) => tx.immediate(stream, events, expected);
    // Inside the outer transaction each append runs in its own SAVEPOINT (better-sqlite3 nests them):
    // a refused one rolls back alone, the others commit together, with one fsync for the lot.
    const group = db.transaction((batch: readonly PendingWrite[]) =>
      batch.map((w) => {
        try {
          if (w.kind === 'checkpoint') return void this.s.storeCheckpoint.run(w.subscriber, w.position);
          return tx(w.stream, w.events, w.expected);
        } catch (error) {
          if (error instanceof Error) return error;
          throw error;
        }
      }),
    );
    this.groupTx = (batch) => group.immediate(batch);
  }

  /**
   * Many writes in one transaction (group commit); each gets its own result (undefined for a checkpoint)
   * or its own error. A lone append skips the savepoint.
   */
  commit(batch: readonly PendingWrite[]): (AppendResult | undefined | Error)[] {
    const only = batch.length === 1 ? batch[0] : undefined;
    if (only?.kind === 'append') {
      try {
        return [this.appendTx(only.stream, only.events, only.expected)];
      } catch (error) {
        if (error instanceof WrongExpectedVersion) return [error];
        throw error;
      }
    }
    return this.groupTx(batch);
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    assertValidEvents(stream, events, expected);
    return this.appendTx(stream, events, expected);
  }

  private appendInTransaction(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const actual = this.s.currentRevision.get(stream)?.revision ?? undefined;
    const satisfied = isSatisfied(expected, actual);
    // Like EventStoreDB: a retried batch (same ids, where the expectation puts them) succeeds without writing.
    const replayFrom = satisfied ? this.firstRevisionOfBatchIfPresent(stream, events, expected) : impliedStart(expected);
    if (replayFrom !== undefined && events.length > 0) {
      const replay = this.matchExisting(stream, events, replayFrom);
      if (replay.kind === 'all') return replay.result;
      if (replay.kind === 'partial' || !satisfied) throw new WrongExpectedVersion(stream, expected, actual);
    } else if (!satisfied) {
      throw new WrongExpectedVersion(stream, expected, actual);
    }
    if (events.length === 0) return this.currentResult(stream, actual);

    const recordedAt = this.now();
    let revision = actual ?? -1;
    let position = 0;
    for (const e of events) {
      revision += 1;
      const info = this.s.insert.run(
        stream,
        revision,
        e.id,
        e.type,
        JSON.stringify(e.data ?? null),
        JSON.stringify(e.metadata ?? {}),
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position: { commit: BigInt(position), prepare: BigInt(position) } };
  }

  /** With `any`/`stream_exists` the batch may already be anywhere in the stream: find where its first id sits. */
  private firstRevisionOfBatchIfPresent(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): number | undefined {
    if (expected !== 'any' && expected !== 'stream_exists') return undefined;
    const first = events[0];
    return first === undefined ? undefined : this.s.revisionOfId.get(first.id, stream)?.revision;
  }

  private matchExisting(
    stream: string,
    events: readonly NewEvent[],
    from: number,
  ): { kind: 'all'; result: AppendResult } | { kind: 'partial' } | { kind: 'none' } {
    const existing = this.s.idsFrom.all(stream, from, events.length);
    let matched = 0;
    for (const [i, row] of existing.entries()) {
      if (row.revision !== from + i || row.id !== events[i]?.id) break;
      matched += 1;
    }
    const last = existing[matched - 1];
    if (matched === events.length && last !== undefined) {
      const position = BigInt(last.position);
      return { kind: 'all', result: { nextExpectedRevision: last.revision, position: { commit: position, prepare: position } } };
    }
    return matched > 0 ? { kind: 'partial' } : { kind: 'none' };
  }

  private currentResult(stream: string, actual: number | undefined): AppendResult {
    const position = BigInt(this.s.lastPosition.get(stream)?.position ?? 0);
    return { nextExpectedRevision: actual ?? -1, position: { commit: position, prepare: position } };
  }
}

function isSatisfied(expected: ExpectedRevision, actual: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === undefined;
    case 'stream_exists':
      return actual !== undefined;
    default:
      return actual === expected;
  }
}

/** Where a batch appended with this expectation would have started. */
function impliedStart(expected: ExpectedRevision): number | undefined {
  if (expected === 'no_stream') return 0;
  return typeof expected === 'number' ? expected + 1 : undefined;
}
