import { join } from 'node:path';
import { EventStoreDbEventStore } from './esdb/esdb-event-store';
import type { EventStore } from './event-store.port';
import { namespaced } from './namespaced-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface CreateEventStoreOptions {
  /** `esdb://`, `esdb+discover://`, `kurrentdb://`… selects EventStoreDB; anything else (or nothing) the embedded store. */
  readonly url?: string;
  /** Where the embedded store keeps `<service>.events.sqlite`. */
  readonly dataDir: string;
  readonly service: string;
  /** One SQLite file several services share (EVENTSTORE_FILE); instead of `<dataDir>/<service>.events.sqlite`. */
  readonly sharedFile?: string;
}

const EVENTSTOREDB_URL = /^(?:esdb|kurrentdb|kurrent)(?:\+discover)?:\/\//i;

/**
 * The composition root's one decision about the event store: the URL's scheme picks the adapter. A store
 * several services share (EventStoreDB always: compose and k8s run one for all four; a shared SQLite file)
 * is seen through `namespaced(store, service)`, so each service reads and relays only its own streams.
 * A service's own file stays un-namespaced: stores written before sharing existed open unchanged.
 */
export function createEventStore(options: CreateEventStoreOptions): EventStore {
  if (options.url !== undefined && EVENTSTOREDB_URL.test(options.url)) {
    return namespaced(EventStoreDbEventStore.connect(options.url), options.service);
  }
  if (options.sharedFile !== undefined && options.sharedFile !== '') {
    return namespaced(SqliteEventStore.open({ file: options.sharedFile }), options.service);
  }
  if (!/^[\w.-]+$/.test(options.service)) {
    throw new TypeError(`Service name "${options.service}" cannot name a file`);
  }
  return SqliteEventStore.open({ file: join(options.dataDir, `${options.service}.events.sqlite`) });
}
