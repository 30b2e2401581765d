import { buildProjectionsAsOf } from '@hope/eventstore';
import type { ServiceDefinition } from '@hope/platform';
import { openStore, type StoreOptions } from './open-store';

export interface AsOfOptions extends StoreOptions {
  at: string;
  sql: string;
}

const definitions = async (): Promise<Record<string, ServiceDefinition>> => ({
  demand: (await import('@hope/demand')).demandService,
  matching: (await import('@hope/matching')).matchingService,
  consulting: (await import('@hope/consulting')).consultingService,
  points: (await import('@hope/points')).pointsService,
});

/**
 * Any of a service's projections as it was at an instant: replays the events recorded before it into
 * a scratch database and runs the analyst's SQL there (the tables are the projections' own).
 */
export async function asOf(o: AsOfOptions): Promise<Record<string, unknown>[]> {
  const at = new Date(o.at);
  if (Number.isNaN(at.getTime())) throw new Error('--at must be an ISO-8601 timestamp');
  const definition = (await definitions())[o.service];
  if (!definition) throw new Error(`--service must be one of demand, matching, consulting, points`);
  const { probeReceiptsProjection } = await import('@hope/platform');
  const store = openStore(o);
  try {
    const db = await buildProjectionsAsOf(store, [probeReceiptsProjection, ...(definition.projections ?? [])], at);
    try {
      return db.prepare(o.sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  } finally {
    await store.close();
  }
}
