import type { EventMetadata, EventStore, NewEvent, Position } from '../event-store.port';
import { WrongExpectedVersion } from '../event-store.port';
import type { Decider, DomainEvent } from './decider';
import { deterministicUuid } from './deterministic-id';

export interface CommandContext {
  /**
   * Identifies this command or the source event that caused it. Event ids derive from it, which is
   * what makes a retry (HTTP retry, redelivered message, replay) a no-op: if the stream already holds
   * the first id, the command was applied and nothing is appended. The dedup record is the effect.
   */
  readonly commandId: string;
  /** Names the handler, so two handlers of one source event get different ids. */
  readonly handler: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly metadata?: EventMetadata;
}

export interface CommandResult<State> {
  readonly state: State;
  readonly appended: number;
  /** True when the command had already been applied (its events were found in the stream). */
  readonly duplicate: boolean;
  readonly nextExpectedRevision: number | undefined;
  /** Position of the last appended event: wait for projections to reach it for read-your-writes. */
  readonly position?: Position;
}

export interface CommandHandlerOptions {
  /** Conflicts retried before giving up with WrongExpectedVersion. */
  readonly maxRetries?: number;
  readonly backoffMs?: number;
}

interface Loaded<State> {
  state: State;
  revision: number | undefined;
  ids: Set<string>;
}

async function load<State, Event extends DomainEvent>(store: EventStore, stream: string, decider: Decider<State, unknown, Event>): Promise<Loaded<State>> {
  let state = decider.initialState;
  let revision: number | undefined;
  const ids = new Set<string>();
  for await (const e of store.readStream(stream)) {
    state = decider.evolve(state, { type: e.type, data: e.data } as Event);
    revision = e.revision;
    ids.add(e.id);
  }
  return { state, revision, ids };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Load -> decide -> append with the expected revision; on a conflict reload and retry with backoff. */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  ctx: CommandContext,
  options: CommandHandlerOptions = {},
): Promise<CommandResult<State>> {
  const maxRetries = options.maxRetries ?? 5;
  const idOf = (i: number) => deterministicUuid(ctx.handler, ctx.commandId, String(i));
  for (let attempt = 0; ; attempt++) {
    const loaded = await load(store, stream, decider as Decider<State, unknown, Event>);
    if (loaded.ids.has(idOf(0))) {
      return { state: loaded.state, appended: 0, duplicate: true, nextExpectedRevision: loaded.revision };
    }
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) {
      return { state: loaded.state, appended: 0, duplicate: false, nextExpectedRevision: loaded.revision };
    }
    const metadata: EventMetadata = {
      ...ctx.metadata,
      ...(ctx.correlationId ? { correlationId: ctx.correlationId } : {}),
      causationId: ctx.causationId ?? ctx.commandId,
    };
    const toAppend: NewEvent[] = events.map((e, i) => ({ id: idOf(i), type: e.type, data: e.data, metadata }));
    try {
      const result = await store.append(stream, toAppend, {
        expectedRevision: loaded.revision === undefined ? 'no_stream' : loaded.revision,
      });
      const state = events.reduce(decider.evolve, loaded.state);
      return { state, appended: events.length, duplicate: false, nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    } catch (e) {
      if (!(e instanceof WrongExpectedVersion) || attempt >= maxRetries) throw e;
      await sleep((options.backoffMs ?? 10) * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}
