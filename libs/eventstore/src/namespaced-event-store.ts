import {
  WrongExpectedVersion,
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
} from './event-store.port';

/** A service name that can prefix streams: no dot, so `points.` never matches another service's prefix. */
const NAMESPACE = /^[A-Za-z0-9_-]+$/;

/** The separator between the owning service and the stream the service's code names. */
export const namespaceOf = (service: string): string => {
  if (!NAMESPACE.test(service)) throw new TypeError(`Service name "${service}" cannot namespace streams (letters, digits, _ and - only)`);
  return `${service}.`;
};

/**
 * One store shared by several services (one EventStoreDB cluster, one SQLite file): each service sees
 * the store through this view, which stores its streams as `<service>.<stream>`, reads `$all` filtered
 * to that prefix (server-side: both adapters turn `streamPrefixes` into a query / a stream-name filter)
 * and strips the prefix on the way out. Service code, stream names and event ids are unchanged;
 * positions are the shared store's, so they still only grow. Checkpoints are keyed `<service>.<name>`.
 */
export function namespaced(store: EventStore, service: string): EventStore {
  return new NamespacedEventStore(store, namespaceOf(service));
}

class NamespacedEventStore implements EventStore {
  readonly checkpoints: CheckpointStore;

  constructor(
    private readonly inner: EventStore,
    private readonly prefix: string,
  ) {
    this.checkpoints = {
      load: (subscriber) => inner.checkpoints.load(`${prefix}${subscriber}`),
      store: (subscriber, position: Position) => inner.checkpoints.store(`${prefix}${subscriber}`, position),
    };
  }

  async append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    try {
      return await this.inner.append(this.prefix + stream, events, options);
    } catch (error) {
      // The caller named `stream`; an error naming the stored stream would leak the namespace.
      if (error instanceof WrongExpectedVersion) throw new WrongExpectedVersion(stream, error.expected, error.actual);
      throw error;
    }
  }

  async *readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const e of this.inner.readStream(this.prefix + stream, options)) yield this.strip(e);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const e of this.inner.readAll({ ...options, filter: this.within(options.filter) })) {
      if (e.stream.startsWith(this.prefix)) yield this.strip(e);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const inner = this.inner.subscribeToAll({ ...options, filter: this.within(options.filter) });
    const strip = (e: RecordedEvent): RecordedEvent => this.strip(e);
    const prefix = this.prefix;
    return {
      unsubscribe: () => inner.unsubscribe(),
      async *[Symbol.asyncIterator]() {
        for await (const e of inner) if (e.stream.startsWith(prefix)) yield strip(e);
      },
    };
  }

  /** Closes the underlying store: each process opens its own connection and wraps it once. */
  close(): Promise<void> {
    return this.inner.close();
  }

  /** The caller's prefixes, inside this namespace; no prefix at all means the whole namespace. */
  private within(filter: AllFilter | undefined): AllFilter {
    const prefixes = filter?.streamPrefixes ?? [''];
    return { ...filter, streamPrefixes: prefixes.map((p) => this.prefix + p) };
  }

  private strip(e: RecordedEvent): RecordedEvent {
    return { ...e, stream: e.stream.slice(this.prefix.length) };
  }
}
