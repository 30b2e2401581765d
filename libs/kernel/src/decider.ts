/** Pure domain logic: no I/O, no clock, no framework. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<State, Command, Event extends DomainEvent> {
  /** Checks invariants and returns the events the command causes; throws a DomainError to refuse. */
  decide(command: Command, state: State): Event[];
  /** Total: accepts every recorded event, so old history always replays. */
  evolve(state: State, event: Event): State;
  readonly initialState: State;
}
