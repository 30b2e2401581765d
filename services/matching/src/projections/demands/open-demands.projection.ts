import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { DEMAND_SUBJECT_EVENT_TYPES, type MatchesEvent } from '../../domain/matches/matches.decide';

/**
 * The demands matching knows as published and not yet closed, expired or cancelled, with what they ask
 * (their last published or revised subject): re-matching ranks the experts who join or change their
 * profile against these.
 */
export const openDemandsProjection: SqlProjection = {
  name: 'open_demands',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS open_demands (
      demand_id TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL,
      subject TEXT NOT NULL,
      open INTEGER NOT NULL,
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS open_demands_open ON open_demands (open, demand_id);
  `,
  tables: ['open_demands'],
  filter: { eventTypes: [...DEMAND_SUBJECT_EVENT_TYPES] },
  apply(db: Database.Database, e: RecordedEvent) {
    const event = { type: e.type, data: e.data } as MatchesEvent;
    switch (event.type) {
      case 'DemandSubjectRecorded': {
        const { demand, recordedAt } = event.data;
        // A revision replaces the subject; it never reopens a closed demand.
        db.prepare(
          `INSERT INTO open_demands (demand_id, organisation_id, subject, open, recorded_at) VALUES (?, ?, ?, 1, ?)
           ON CONFLICT (demand_id) DO UPDATE SET organisation_id = excluded.organisation_id, subject = excluded.subject, recorded_at = excluded.recorded_at`,
        ).run(demand.demandId, demand.organisationId, JSON.stringify(demand), recordedAt);
        return;
      }
      case 'DemandMatchingClosed':
        // Kept closed even when the close arrives before anything else about the demand.
        db.prepare(
          `INSERT INTO open_demands (demand_id, organisation_id, subject, open, recorded_at) VALUES (?, '', '{}', 0, ?)
           ON CONFLICT (demand_id) DO UPDATE SET open = 0`,
        ).run(event.data.demandId, event.data.closedAt);
        return;
    }
  },
};
