/** Injection tokens for the ports; main.ts binds each to the adapter its config picks. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const SHARED_STATE = Symbol('SHARED_STATE');
export const CLOCK = Symbol('CLOCK');
export const IDS = Symbol('IDS');
export const EVENT_REGISTRY = Symbol('EVENT_REGISTRY');
/** The service's ProjectionRunner: its `db` answers queries, `waitFor` gives read-your-writes. */
export const PROJECTIONS = Symbol('PROJECTIONS');
/** ServiceClient: REST calls to the other services (queries, saga steps). */
export const SERVICE_CLIENT = Symbol('SERVICE_CLIENT');

/** Time is an input: tests and replays pass their own clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Ids are an input too. */
export interface IdSource {
  next(): string;
}

/** The validated PlatformConfig of the app (see config/platform-config.ts). */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
/** The app's root pino logger; inside a request prefer `currentRequestContext()?.logger`. */
export const PLATFORM_LOGGER = Symbol('PLATFORM_LOGGER');
