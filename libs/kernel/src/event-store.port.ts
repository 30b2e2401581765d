/**
 * The EventStore port. Semantics follow EventStoreDB so both adapters (embedded SQLite and
 * EventStoreDB) pass one contract suite; see README.md for the guarantees.
 */

/** Global position in the store's log. Embedded: commit = prepare = sequence number. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START = 'start' as const;
export const END = 'end' as const;

/**
 * - `no_stream`: the stream must not exist;
 * - `stream_exists`: the stream must have at least one event;
 * - `any`: no check;
 * - a number: the revision of the stream's last event (the first event is revision 0).
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Payload version of an integration-shaped event; domain events may omit it. */
  readonly version?: number;
  readonly [key: string]: unknown;
}

export interface NewEvent<Data = unknown> {
  /** A UUID. Deterministic ids make retried appends idempotent. */
  readonly id: string;
  readonly type: string;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  readonly id: string;
  readonly type: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly stream: string;
  readonly revision: number;
  readonly position: Position;
  readonly recordedAt: Date;
}

export interface AppendOptions {
  /** Defaults to `any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: number;
  /** Position of the last appended event. */
  readonly position: Position;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to `start` forwards and `end` backwards. */
  readonly fromRevision?: number | 'start' | 'end';
  readonly maxCount?: number;
}

export interface AllFilter {
  /** Keep events whose stream starts with one of these. */
  readonly streamPrefixes?: readonly string[];
  /** Keep events whose type is one of these. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive of that position when reading; `start` by default forwards. */
  readonly fromPosition?: Position | 'start' | 'end';
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: events after this position. `start` replays everything; `end` only what comes next. */
  readonly fromPosition?: Position | 'start' | 'end';
  readonly filter?: AllFilter;
}

/**
 * A catch-up subscription: replays history after `fromPosition`, then delivers live events, in order,
 * with no gap and no duplicate. Iterate it with `for await`; `unsubscribe()` ends the iteration.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  unsubscribe(): Promise<void>;
}

/** Where a named subscriber (relay, projection) has got to; stored in the same store. */
export interface CheckpointStore {
  load(subscriber: string): Promise<Position | undefined>;
  store(subscriber: string, position: Position): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** An absent stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;
  readonly checkpoints: CheckpointStore;
  close(): Promise<void>;
}

/** The stream's current revision did not match the expected one; nothing was written. */
export class WrongExpectedVersion extends Error {
  readonly code = 'EVENTSTORE.WRONG_EXPECTED_VERSION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** `undefined` when the stream does not exist. */
    readonly actual: number | undefined,
  ) {
    super(`Stream "${stream}": expected revision ${String(expected)}, actual ${actual === undefined ? 'no stream' : actual}`);
    this.name = 'WrongExpectedVersion';
  }
}

export const positionToString = (p: Position): string => (p.commit === p.prepare ? `${p.commit}` : `${p.commit}/${p.prepare}`);

export const parsePosition = (s: string): Position => {
  const [c, pr] = s.split('/');
  const commit = BigInt(c!);
  return { commit, prepare: pr === undefined ? commit : BigInt(pr) };
};

export const comparePositions = (a: Position, b: Position): number =>
  a.commit === b.commit ? Number(a.prepare - b.prepare) : a.commit < b.commit ? -1 : 1;
