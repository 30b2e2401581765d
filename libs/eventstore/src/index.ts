export * from './event-store.port';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EventStoreDbEventStore } from './esdb/esdb-event-store';
export { createEventStore, type CreateEventStoreOptions } from './create-event-store';
export type { Decider, DomainEvent } from './decider/decider';
export { handleCommand, type CommandContext, type CommandResult, type CommandHandlerOptions } from './decider/command-handler';
export { deterministicUuid } from './decider/deterministic-id';
