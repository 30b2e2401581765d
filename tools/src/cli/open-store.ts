import { createEventStore, type EventStore } from '@hope/eventstore';

export interface StoreOptions {
  service: string;
  /** esdb://... for EventStoreDB; otherwise the embedded store under --data-dir. */
  store?: string;
  dataDir: string;
}

/** The analyst reads the same store the service writes: EventStoreDB, or the embedded SQLite file. */
export const openStore = (o: StoreOptions): EventStore =>
  createEventStore({ ...(o.store ? { url: o.store } : {}), dataDir: o.dataDir, service: o.service });
