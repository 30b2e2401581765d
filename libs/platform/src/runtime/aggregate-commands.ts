import { handleCommand, type Decider, type DomainEvent, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { currentCorrelationId } from '../logging/request-context';

export interface AggregateDefinition<State, Command extends { type: string }, Event extends DomainEvent> {
  /** Prefix of handler names (`<name>.<command type>`), which event ids derive from. */
  readonly name: string;
  readonly decider: Decider<State, Command, Event>;
  readonly stream: (id: string) => string;
}

/**
 * The application side of one aggregate: load -> decide -> append (handleCommand: expected revision,
 * retries, deterministic ids), stamped with the request's correlation id, then wait for the read models
 * so the caller reads its own write.
 */
export class AggregateCommands<State, Command extends { type: string }, Event extends DomainEvent> {
  constructor(
    private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly aggregate: AggregateDefinition<State, Command, Event>,
  ) {}

  async execute(id: string, command: Command, commandId: string): Promise<State> {
    const correlationId = currentCorrelationId();
    const result = await handleCommand(this.store, this.aggregate.stream(id), this.aggregate.decider, command, {
      commandId,
      handler: `${this.aggregate.name}.${command.type}`,
      ...(correlationId ? { correlationId } : {}),
    });
    if (result.position) await this.projections.waitFor(result.position);
    return result.state;
  }

  async load(id: string): Promise<State> {
    let state = this.aggregate.decider.initialState;
    for await (const e of this.store.readStream(this.aggregate.stream(id))) state = this.aggregate.decider.evolve(state, { type: e.type, data: e.data } as Event);
    return state;
  }
}
