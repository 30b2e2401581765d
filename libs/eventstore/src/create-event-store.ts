import { join } from 'node:path';
import { EventStoreDbEventStore } from './esdb/esdb-event-store';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface CreateEventStoreOptions {
  /** `esdb://`, `esdb+discover://`, `kurrentdb://`… selects EventStoreDB; anything else (or nothing) the embedded store. */
  readonly url?: string;
  /** Where the embedded store keeps `<service>.events.sqlite`. */
  readonly dataDir: string;
  readonly service: string;
}

const EVENTSTOREDB_URL = /^(?:esdb|kurrentdb|kurrent)(?:\+discover)?:\/\//i;

/** The composition root's one decision about the event store: the URL's scheme picks the adapter. */
export function createEventStore(options: CreateEventStoreOptions): EventStore {
  if (options.url !== undefined && EVENTSTOREDB_URL.test(options.url)) {
    return EventStoreDbEventStore.connect(options.url);
  }
  if (!/^[\w.-]+$/.test(options.service)) {
    throw new TypeError(`Service name "${options.service}" cannot name a file`);
  }
  return SqliteEventStore.open({ file: join(options.dataDir, `${options.service}.events.sqlite`) });
}
