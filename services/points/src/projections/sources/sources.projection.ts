import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { SOURCE_STREAM_PREFIX, type SourceObservedData } from '../../domain/what-if/source-facts';
import { prepared } from '../prepared';

/** The observed source facts by when they occurred: what what-if re-runs draft rules over. */
export const sourcesProjection: SqlProjection = {
  name: 'points_sources',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS points_sources (
      position INTEGER PRIMARY KEY, source_event_id TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, fact TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS points_sources_time ON points_sources (occurred_at, position);
  `,
  tables: ['points_sources'],
  filter: { streamPrefixes: [SOURCE_STREAM_PREFIX], eventTypes: ['SourceObserved'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const fact = recorded.data as SourceObservedData;
    prepared(db, 'INSERT OR REPLACE INTO points_sources VALUES (?, ?, ?, ?, ?)').run(Number(recorded.position.commit), fact.sourceEventId, fact.occurredAt, recorded.recordedAt.toISOString(), JSON.stringify(fact));
  },
};

/** Every fact that occurred before `until`, in the order they occurred (then as recorded). */
export function* factsBefore(db: Database.Database, until: Date): Generator<SourceObservedData> {
  for (const row of db.prepare<[string], { fact: string }>('SELECT fact FROM points_sources WHERE occurred_at < ? ORDER BY occurred_at, position').iterate(until.toISOString())) {
    yield JSON.parse(row.fact) as SourceObservedData;
  }
}

/** When recording began (the first fact recorded), or undefined if none yet. */
export const recordingSince = (db: Database.Database): string | undefined =>
  db.prepare<[], { at: string | null }>('SELECT MIN(recorded_at) AS at FROM points_sources').get()?.at ?? undefined;
