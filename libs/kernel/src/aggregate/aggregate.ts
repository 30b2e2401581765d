import type { Decider, DomainEvent } from '../decider';

/**
 * The handler name of each command type. With the command id it derives the ids of the events the
 * command causes, which is what makes a retried command append nothing: a name, once events were
 * written under it, never changes. A function picks the name from the command where one command
 * type serves several callers (each with its own name, so their ids never collide).
 */
export type HandlerNames<Command extends { type: string }> = {
  readonly [K in Command['type']]: string | ((command: Extract<Command, { type: K }>) => string);
};

/** One aggregate, declared once: its stream, its decider and the names its commands are handled under. */
export interface AggregateDefinition<State, Command extends { type: string }, Event extends DomainEvent, Id = string> {
  /** Stable and unique in the service: it names the aggregate in errors and metrics. */
  readonly name: string;
  readonly streamOf: (id: Id) => string;
  readonly decider: Decider<State, Command, Event>;
  readonly handlerNames: HandlerNames<Command>;
  /** Version conflicts retried (reload, decide again) before the command fails with a ConcurrencyError. Default 8. */
  readonly retries?: number;
  /** First backoff after a conflict, doubled each time, with jitter. Default 10 ms. */
  readonly backoffMs?: number;
}

export const aggregate = <State, Command extends { type: string }, Event extends DomainEvent, Id = string>(
  definition: AggregateDefinition<State, Command, Event, Id>,
): AggregateDefinition<State, Command, Event, Id> => definition;

export const handlerNameOf = <Command extends { type: string }>(names: HandlerNames<Command>, command: Command): string => {
  const name = (names as Record<string, string | ((c: Command) => string) | undefined>)[command.type];
  if (name === undefined) throw new Error(`No handler name for command ${command.type}`);
  return typeof name === 'function' ? name(command) : name;
};

/** Any aggregate, for lists of them (a service's aggregates, the id-stability replay). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAggregate = AggregateDefinition<any, any, any, any>;
