import type { ExpectedRevision, NewEvent } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * EventStoreDB only accepts UUID event ids; checking in every adapter means the embedded mode
 * rejects what production would reject, instead of the bug surfacing after deployment.
 */
export function assertValidEvents(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (stream.length === 0) throw new TypeError('Stream name must not be empty');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new TypeError(`Expected revision must be a non-negative integer, got ${expected}`);
  }
  for (const e of events) {
    if (!UUID.test(e.id)) throw new TypeError(`Event id must be a UUID, got "${e.id}" (stream "${stream}")`);
    if (e.type.length === 0) throw new TypeError(`Event type must not be empty (stream "${stream}")`);
  }
}
