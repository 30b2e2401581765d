/** Injection tokens for the ports; main.ts binds each to the adapter its config picks. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const SHARED_STATE = Symbol('SHARED_STATE');
export const CLOCK = Symbol('CLOCK');
export const IDS = Symbol('IDS');
export const EVENT_REGISTRY = Symbol('EVENT_REGISTRY');

/** Time is an input: tests and replays pass their own clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Ids are an input too. */
export interface IdSource {
  next(): string;
}
