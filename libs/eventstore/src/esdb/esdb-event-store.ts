// The only file that imports the EventStoreDB client: moving to @kurrent/kurrentdb-client is a one-file change.
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type EventData,
  type Filter,
  type JSONType,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  WrongExpectedVersion,
  type AllFilter,
  type AppendOptions,
  type AppendResult,
  type CheckpointStore,
  type EventMetadata,
  type EventStore,
  type EventSubscription,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '../event-store.port';
import { assertValidEvents } from '../event-validation';
import { keepEvent, serverFilterFor } from './esdb-filter';

/** Checkpoint events carry a `$` type so that `$all` readers (relays, projections) never see them. */
const CHECKPOINT_TYPE = '$hope-checkpoint';
/** Stream reads in old servers carry no position; the port requires one, so this marks "unknown". */
const UNKNOWN_POSITION: Position = { commit: -1n, prepare: -1n };

/** The production adapter over EventStoreDB / KurrentDB (gRPC). */
export class EventStoreDbEventStore implements EventStore {
  readonly checkpoints: CheckpointStore;
  private readonly subscriptions = new Set<EsdbSubscription>();

  private constructor(private readonly client: EventStoreDBClient) {
    this.checkpoints = new EsdbCheckpoints(this);
  }

  /** Accepts `esdb://`, `esdb+discover://` and the KurrentDB spellings `kurrentdb://`, `kurrentdb+discover://`. */
  static connect(connectionString: string): EventStoreDbEventStore {
    const esdb = connectionString.replace(/^kurrent(?:db)?(\+discover)?:\/\//, 'esdb$1://');
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(esdb));
  }

  async append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const expected = options?.expectedRevision ?? 'any';
    assertValidEvents(stream, events, expected);
    try {
      const result = await this.client.appendToStream(stream, events.map(toEventData), {
        expectedRevision: toEsdbExpected(expected),
      });
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position: result.position ?? UNKNOWN_POSITION };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? undefined : Number(error.actualVersion);
        throw new WrongExpectedVersion(stream, expected, actual);
      }
      throw error;
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction === 'backwards' ? BACKWARDS : FORWARDS;
    const from = options.fromRevision ?? (direction === FORWARDS ? 'start' : 'end');
    if (options.maxCount === 0) return;
    try {
      const read = this.client.readStream(stream, {
        direction,
        fromRevision: from === 'start' ? START : from === 'end' ? END : BigInt(from),
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of read) {
        if (resolved.event !== undefined) yield toRecordedEvent(resolved.event, resolved.commitPosition);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  /** The 6.x client's readAll has no server-side filter: filter here and count after filtering. */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction === 'backwards' ? BACKWARDS : FORWARDS;
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount <= 0 || isEmptyFilter(options.filter)) return;
    const fromPosition = toReadPosition(options.fromPosition ?? (direction === FORWARDS ? 'start' : 'end'));
    let delivered = 0;
    for await (const resolved of this.client.readAll({ direction, fromPosition })) {
      const e = resolved.event;
      if (e === undefined || !keepEvent(options.filter, e.streamId, e.type)) continue;
      yield toRecordedEvent(e, resolved.commitPosition);
      delivered += 1;
      if (delivered >= maxCount) return;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const inner = this.client.subscribeToAll({
      fromPosition: toReadPosition(options.fromPosition ?? 'start'),
      filter: toEsdbFilter(options.filter),
    });
    const subscription = new EsdbSubscription(inner, options.filter, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    for (const s of [...this.subscriptions]) await s.unsubscribe();
    await this.client.dispose();
  }

  /** @internal for EsdbCheckpoints. */
  async writeCheckpoint(stream: string, position: Position, isFirstWrite: boolean): Promise<void> {
    if (isFirstWrite) await this.client.setStreamMetadata(stream, { maxCount: 1 });
    await this.client.appendToStream(stream, {
      id: randomUUID(),
      contentType: 'application/json',
      type: CHECKPOINT_TYPE,
      data: { commit: position.commit.toString(), prepare: position.prepare.toString() },
      metadata: undefined,
    });
  }

  /** @internal for EsdbCheckpoints. */
  async readCheckpoint(stream: string): Promise<Position | undefined> {
    try {
      for await (const resolved of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const data = resolved.event?.data;
        if (isRecord(data) && typeof data.commit === 'string' && typeof data.prepare === 'string') {
          return { commit: BigInt(data.commit), prepare: BigInt(data.prepare) };
        }
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }
}

/** One `checkpoint-<name>` stream per subscriber, truncated to its last event by `$maxCount: 1`. */
class EsdbCheckpoints implements CheckpointStore {
  private readonly metadataSet = new Set<string>();

  constructor(private readonly adapter: EventStoreDbEventStore) {}

  load(subscriber: string): Promise<Position | undefined> {
    return this.adapter.readCheckpoint(`checkpoint-${subscriber}`);
  }

  async store(subscriber: string, position: Position): Promise<void> {
    const stream = `checkpoint-${subscriber}`;
    await this.adapter.writeCheckpoint(stream, position, !this.metadataSet.has(stream));
    this.metadataSet.add(stream);
  }
}

class EsdbSubscription implements EventSubscription {
  private unsubscribed = false;

  constructor(
    private readonly inner: AllStreamSubscription,
    private readonly filter: AllFilter | undefined,
    private readonly onEnd: (s: EsdbSubscription) => void,
  ) {}

  async unsubscribe(): Promise<void> {
    if (this.unsubscribed) return;
    this.unsubscribed = true;
    this.onEnd(this);
    await this.inner.unsubscribe();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const emptyFilter = isEmptyFilter(this.filter);
    try {
      for await (const resolved of this.inner) {
        if (this.unsubscribed) return;
        const e = resolved.event;
        if (emptyFilter || e === undefined || !keepEvent(this.filter, e.streamId, e.type)) continue;
        yield toRecordedEvent(e, resolved.commitPosition);
      }
    } catch (error) {
      // Unsubscribing destroys the underlying stream, which may surface as a premature-close error.
      if (!this.unsubscribed) throw error;
    } finally {
      if (!this.unsubscribed) await this.unsubscribe();
    }
  }
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function toReadPosition(p: Position | 'start' | 'end'): ReadPosition {
  return p === 'start' ? START : p === 'end' ? END : p;
}

function toEsdbFilter(filter: AllFilter | undefined): Filter {
  const server = serverFilterFor(filter);
  switch (server.on) {
    case 'stream':
      return streamNameFilter({ prefixes: server.prefixes });
    case 'type':
      return eventTypeFilter({ regex: server.regex });
    default:
      return excludeSystemEvents();
  }
}

function isEmptyFilter(filter: AllFilter | undefined): boolean {
  return filter?.streamPrefixes?.length === 0 || filter?.eventTypes?.length === 0;
}

function toEventData(e: NewEvent): EventData {
  return {
    id: e.id,
    contentType: 'application/json',
    type: e.type,
    // The client JSON.stringifies whatever it is given; its JSONType is narrower than JSON itself.
    data: (e.data ?? null) as JSONType,
    metadata: { ...(e.metadata ?? {}) },
  };
}

function toRecordedEvent(e: EsdbRecordedEvent, commitPosition: bigint | undefined): RecordedEvent {
  return {
    id: e.id,
    type: e.type,
    data: e.isJson ? e.data : decodeBinary(e.data),
    metadata: isRecord(e.metadata) ? (e.metadata as EventMetadata) : {},
    stream: e.streamId,
    revision: Number(e.revision),
    position: e.position ?? (commitPosition === undefined ? UNKNOWN_POSITION : { commit: commitPosition, prepare: commitPosition }),
    recordedAt: e.created,
  };
}

/** Events written by other tools may be binary; JSON in disguise is parsed, anything else is kept as bytes. */
function decodeBinary(data: unknown): unknown {
  if (!(data instanceof Uint8Array)) return data;
  try {
    return JSON.parse(Buffer.from(data).toString('utf8')) as unknown;
  } catch {
    return data;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
