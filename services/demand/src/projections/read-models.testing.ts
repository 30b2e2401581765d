import type { RecordedEvent, SqlProjection } from '@hope/eventstore';

/**
 * For projection specs whose queries join the tables of several projections (the dashboard reads the
 * catalogue and the proposals): one projection made of those, each fed the events of its own streams,
 * so `projectionSpec` can feed, rebuild and compare them together.
 */
export const readModelsTogether = (name: string, parts: readonly SqlProjection[]): SqlProjection => ({
  name,
  version: 1,
  schema: parts.map((p) => p.schema).join('\n'),
  tables: parts.flatMap((p) => p.tables),
  filter: { streamPrefixes: parts.flatMap((p) => p.filter.streamPrefixes ?? []) },
  apply(db, e: RecordedEvent) {
    for (const p of parts) if (p.filter.streamPrefixes?.some((prefix) => e.stream.startsWith(prefix))) p.apply(db, e);
  },
});
