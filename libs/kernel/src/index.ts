// The shared kernel: what domain and application code of every service may import. No framework, no
// client library: the store is a port here, its adapters live in @hope/eventstore.
export * from './errors';
export { hasVisibleText } from './text';
export * from './principal';
export * from './command-meta';
export * from './event-store.port';
export type { Decider, DomainEvent } from './decider';
export { deterministicUuid } from './deterministic-id';
export { aggregate, handlerNameOf, type AggregateDefinition, type AnyAggregate, type HandlerNames } from './aggregate/aggregate';
export { AggregateHandler, type AggregateHandlerOptions, type CommandOutcome, type HandleOptions } from './aggregate/aggregate-handler';
export { PerStreamQueue } from './aggregate/per-stream-queue';
