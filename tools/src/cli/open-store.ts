import { createEventStore, type EventStore } from '@hope/eventstore';

export interface StoreOptions {
  service: string;
  /** esdb://... for EventStoreDB, sqlite:<file> for one SQLite file the services share; otherwise the embedded store under --data-dir. */
  store?: string;
  dataDir: string;
}

const SHARED_SQLITE = /^sqlite:(.+)$/;

/**
 * The analyst reads the same store the service writes, through the same namespace: on a shared store
 * (EventStoreDB, a shared SQLite file) `--service` selects that service's streams only.
 */
export const openStore = (o: StoreOptions): EventStore => {
  const sharedFile = o.store === undefined ? undefined : SHARED_SQLITE.exec(o.store)?.[1];
  if (sharedFile !== undefined) return createEventStore({ dataDir: o.dataDir, service: o.service, sharedFile });
  return createEventStore({ ...(o.store ? { url: o.store } : {}), dataDir: o.dataDir, service: o.service });
};
