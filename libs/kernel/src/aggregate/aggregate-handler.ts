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
}

export interface HandleOptions {
  /** Skip `afterAppend` when the caller needs no read model to include the write. Default true. */
  readonly wait?: boolean;
}

interface Loaded<State> {
  readonly state: State;
  readonly revision: number | undefined;
  readonly byId: ReadonlyMap<string, RecordedEvent>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way to run a command: load the stream and fold it, decide, append with the expected
 * revision; on a version conflict reload and decide again, with backoff; a conflict that outlasts the
 * retries is a ConcurrencyError. Event ids derive from (handler name, command id, index), so a command
 * handled again finds its events and appends nothing. Commands on one stream queue in this process.
 */
export class AggregateHandler<State, Command extends { type: string }, Event extends DomainEvent, Id = string> {
  private readonly queue = new PerStreamQueue();

  constructor(
    private readonly store: EventStore,
    readonly definition: AggregateDefinition<State, Command, Event, Id>,
    private readonly options: AggregateHandlerOptions = {},
  ) {}

  async handle(id: Id, command: Command, meta: CommandMeta, handleOptions: HandleOptions = {}): Promise<CommandOutcome<State, Event>> {
    const stream = this.definition.streamOf(id);
    const outcome = await this.queue.run(stream, () => this.run(stream, command, meta));
    if (outcome.position && handleOptions.wait !== false && this.options.afterAppend) await this.options.afterAppend(outcome.position);
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
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.loadStream(stream);
      const before = earlierEvents(loaded.byId, idOf);
      if (before.length > 0) {
        return { state: loaded.state, newEvents: before.map(asEvent<Event>), appended: 0, duplicate: true, position: before[before.length - 1]!.position, ...revisionOf(loaded.revision) };
      }
      const events = decider.decide(command, loaded.state);
      if (events.length === 0) return { state: loaded.state, newEvents: [], appended: 0, duplicate: false, ...revisionOf(loaded.revision) };
      const metadata = this.metadataOf(meta);
      const toAppend: NewEvent[] = events.map((e, i) => ({ id: idOf(i), type: e.type, data: e.data, metadata }));
      try {
        const result = await this.store.append(stream, toAppend, { expectedRevision: loaded.revision ?? 'no_stream' });
        const state = events.reduce(decider.evolve, loaded.state);
        return { state, newEvents: events, appended: events.length, duplicate: false, position: result.position, revision: result.nextExpectedRevision };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (attempt >= retries) throw new ConcurrencyError(`${stream} kept changing; retry`, { cause: error });
        await sleep((this.definition.backoffMs ?? 10) * 2 ** Math.min(attempt, 6) * (0.5 + Math.random()));
      }
    }
  }

  private metadataOf(meta: CommandMeta): EventMetadata {
    const correlationId = meta.correlationId ?? this.options.correlation?.();
    return { ...meta.metadata, ...(correlationId ? { correlationId } : {}), causationId: meta.causationId ?? meta.commandId };
  }

  private async loadStream(stream: string): Promise<Loaded<State>> {
    const { decider } = this.definition;
    let state = decider.initialState;
    let revision: number | undefined;
    const byId = new Map<string, RecordedEvent>();
    for await (const e of this.store.readStream(stream)) {
      state = decider.evolve(state, { type: e.type, data: e.data } as Event);
      revision = e.revision;
      byId.set(e.id, e);
    }
    return { state, revision, byId };
  }
}

/** The events an earlier handling of this command appended (ids 0, 1, ... in order), or none. */
function earlierEvents(byId: ReadonlyMap<string, RecordedEvent>, idOf: (i: number) => string): RecordedEvent[] {
  const found: RecordedEvent[] = [];
  for (let i = 0; ; i++) {
    const e = byId.get(idOf(i));
    if (!e) return found;
    found.push(e);
  }
}

const asEvent = <Event extends DomainEvent>(e: RecordedEvent): Event => ({ type: e.type, data: e.data }) as Event;
const revisionOf = (revision: number | undefined) => (revision === undefined ? {} : { revision });
