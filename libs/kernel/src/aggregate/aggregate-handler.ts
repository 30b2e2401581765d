import type { CommandMeta } from '../command-meta';
import type { DomainEvent } from '../decider';
import { deterministicUuid } from '../deterministic-id';
import { ConcurrencyError } from '../errors';
import { WrongExpectedVersion, type EventMetadata, type EventStore, type NewEvent, type Position, type RecordedEvent } from '../event-store.port';
import { handlerNameOf, type AggregateDefinition } from './aggregate';
import { PerStreamQueue } from './per-stream-queue';

export interface CommandOutcome<State, Event extends DomainEvent> {
  /** The aggregate's state after the command (or as it is, for a duplicate or a no-op). */
  readonly state: State;
  /** The events this command caused: appended now, or found in the stream when it was a duplicate. */
  readonly newEvents: readonly Event[];
  readonly appended: number;
  /** The command had been handled before: its events were already in the stream, nothing was appended. */
  readonly duplicate: boolean;
  /** Position of the command's last event (appended now or before): wait for the read models to reach it. */
  readonly position?: Position;
  /** The stream's revision after the command; undefined while the stream does not exist. */
  readonly revision?: number;
}

export interface AggregateHandlerOptions {
  /** The correlation id of the request or message being handled, used when the meta carries none. */
  readonly correlation?: () => string | undefined;
  /** Runs once the command's events are in the store (read-your-writes: wait for the read models). */
  readonly afterAppend?: (position: Position) => Promise<void>;
  /** Told the position of a command answered before the read models include it (`wait: 'next-read'`). */
  readonly answeredAhead?: (position: Position) => void;
}

export interface HandleOptions {
  /**
   * When the read models must include the write: `true` (default) before the command is answered
   * (`afterAppend`); `'next-read'` before this process answers its next read, not before this answer,
   * for an answer built from the aggregate's state (`answeredAhead`; without one, as `true`); `false`
   * never (consumers).
   */
  readonly wait?: boolean | 'next-read';
}

interface Loaded<State> {
  readonly state: State;
  readonly revision: number | undefined;
  /** Every event id in the stream: how a command handled before is recognised (grown in place). */
  readonly ids: Set<string>;
}

/** How many streams' folded state a handler keeps (least recently used go first). */
const CACHED_STREAMS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way to run a command: load the stream and fold it, decide, append with the expected
 * revision; on a version conflict reload and decide again, with backoff; a conflict that outlasts the
 * retries is a ConcurrencyError. Event ids derive from (handler name, command id, index), so a command
 * handled again finds its events and appends nothing. Commands on one stream queue in this process.
 */
export class AggregateHandler<State, Command extends { type: string }, Event extends DomainEvent, Id = string> {
  private readonly queue = new PerStreamQueue();
  /**
   * The folded state of recently used streams, so a command's cost does not grow with the stream's
   * history: a command decides on it and appends under its revision, reading the store only when that
   * append conflicts (another replica wrote since) or before it refuses or does nothing. States are
   * never mutated (evolve is pure), so sharing one is safe; an append that failed otherwise drops the entry.
   */
  private readonly cache = new Map<string, Loaded<State>>();

  constructor(
    private readonly store: EventStore,
    readonly definition: AggregateDefinition<State, Command, Event, Id>,
    private readonly options: AggregateHandlerOptions = {},
  ) {}

  async handle(id: Id, command: Command, meta: CommandMeta, handleOptions: HandleOptions = {}): Promise<CommandOutcome<State, Event>> {
    const stream = this.definition.streamOf(id);
    const outcome = await this.queue.run(stream, () => this.run(stream, command, meta));
    const wait = handleOptions.wait ?? true;
    if (outcome.position && wait === 'next-read' && this.options.answeredAhead) this.options.answeredAhead(outcome.position);
    else if (outcome.position && wait && this.options.afterAppend) await this.options.afterAppend(outcome.position);
    return outcome;
  }

  /** The aggregate's current state (for a process that decides what to ask next). */
  async load(id: Id): Promise<State> {
    return (await this.loadStream(this.definition.streamOf(id))).state;
  }

  private async run(stream: string, command: Command, meta: CommandMeta): Promise<CommandOutcome<State, Event>> {
    const { decider } = this.definition;
    const handler = handlerNameOf(this.definition.handlerNames, command);
    const idOf = (i: number) => deterministicUuid(handler, meta.commandId, String(i));
    const retries = this.definition.retries ?? 8;
    // A cached state is decided on without reading the store: an append on it is checked by its
    // expected revision, so a stale one (another replica wrote since) costs a conflict and a read of
    // what is new. An answer that appends nothing (a refusal, a no-op) is only given on fresh state.
    let loaded = this.cache.get(stream);
    let fresh = false;
    /** Set when the state in hand must be brought up to date before deciding again. */
    let stale = false;
    for (let attempt = 0; ; ) {
      if (loaded === undefined || stale) {
        loaded = await this.loadStream(stream);
        fresh = true;
        stale = false;
      }
      if (loaded.ids.has(idOf(0))) {
        const before = await this.earlierEvents(stream, idOf);
        return { state: loaded.state, newEvents: before.map(asEvent<Event>), appended: 0, duplicate: true, position: before[before.length - 1]!.position, ...revisionOf(loaded.revision) };
      }
      let events: Event[];
      try {
        events = decider.decide(command, loaded.state);
      } catch (error) {
        if (fresh) throw error;
        stale = true;
        continue;
      }
      if (events.length === 0) {
        if (!fresh) {
          stale = true;
          continue;
        }
        return { state: loaded.state, newEvents: [], appended: 0, duplicate: false, ...revisionOf(loaded.revision) };
      }
      const metadata = this.metadataOf(meta);
      const toAppend: NewEvent[] = events.map((e, i) => ({ id: idOf(i), type: e.type, data: e.data, metadata }));
      try {
        const result = await this.store.append(stream, toAppend, { expectedRevision: loaded.revision ?? 'no_stream' });
        const state = events.reduce(decider.evolve, loaded.state);
        for (const e of toAppend) loaded.ids.add(e.id);
        this.remember(stream, { state, revision: result.nextExpectedRevision, ids: loaded.ids });
        return { state, newEvents: events, appended: events.length, duplicate: false, position: result.position, revision: result.nextExpectedRevision };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) {
          // The append's fate is unknown (a store may fail after writing): the next command folds from the store.
          this.cache.delete(stream);
          throw error;
        }
        // The state up to its revision stays true: the next attempt reads only what was appended since.
        // A conflict on a cached state is not a race lost, just news: it is neither counted nor waited for.
        stale = true;
        if (!fresh) continue;
        if (attempt++ >= retries) throw new ConcurrencyError(`${stream} kept changing; retry`, { cause: error });
        await sleep((this.definition.backoffMs ?? 10) * 2 ** Math.min(attempt - 1, 6) * (0.5 + Math.random()));
      }
    }
  }

  private metadataOf(meta: CommandMeta): EventMetadata {
    const correlationId = meta.correlationId ?? this.options.correlation?.();
    return { ...meta.metadata, ...(correlationId ? { correlationId } : {}), causationId: meta.causationId ?? meta.commandId };
  }

  /** The stream folded: from the cached state, reading only what came after it, or from the start. */
  private async loadStream(stream: string): Promise<Loaded<State>> {
    const { decider } = this.definition;
    const cached = this.cache.get(stream);
    let state = cached?.state ?? decider.initialState;
    let revision = cached?.revision;
    const ids = cached?.ids ?? new Set<string>();
    const from = revision === undefined ? 'start' : revision + 1;
    for await (const e of this.store.readStream(stream, { fromRevision: from })) {
      state = decider.evolve(state, { type: e.type, data: e.data } as Event);
      revision = e.revision;
      ids.add(e.id);
    }
    const loaded = { state, revision, ids };
    // An absent stream is remembered too: a command on it (a join after a status check) then appends
    // with 'no_stream' without reading the store again; if another writer got there first, the append
    // conflicts and the stream is read from the start.
    this.remember(stream, loaded);
    return loaded;
  }

  private remember(stream: string, loaded: Loaded<State>): void {
    this.cache.delete(stream);
    this.cache.set(stream, loaded);
    if (this.cache.size > CACHED_STREAMS) this.cache.delete(this.cache.keys().next().value!);
  }

  /** The events an earlier handling of this command appended (ids 0, 1, ... in order): the rare path, read from the store. */
  private async earlierEvents(stream: string, idOf: (i: number) => string): Promise<RecordedEvent[]> {
    const byId = new Map<string, RecordedEvent>();
    for await (const e of this.store.readStream(stream)) byId.set(e.id, e);
    const found: RecordedEvent[] = [];
    for (let i = 0; byId.has(idOf(i)); i++) found.push(byId.get(idOf(i))!);
    return found;
  }
}

const asEvent = <Event extends DomainEvent>(e: RecordedEvent): Event => ({ type: e.type, data: e.data }) as Event;
const revisionOf = (revision: number | undefined) => (revision === undefined ? {} : { revision });
