// The EventStore port is part of the shared kernel (@hope/kernel), so domain and application code can
// name it without loading an adapter; this lib holds the adapters and re-exports the port.
export * from '@hope/kernel/event-store';
