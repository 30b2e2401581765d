import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { Availability } from '../../domain/availability/availability';
import { calendarStreamPrefix, type InterviewEvent } from '../../domain/interview/interview.events';

/** The availability each expert last published (the free-slot query reads it with the bookings). */
export const AVAILABILITY_TABLE = 'consulting_availability';

export interface AvailabilityRow {
  expert_id: string;
  time_zone: string;
  weekly: string;
  exceptions: string;
  published_at: string;
}

export const availabilityProjection: SqlProjection = {
  name: 'consulting_availability',
  version: 1,
  schema: `CREATE TABLE IF NOT EXISTS ${AVAILABILITY_TABLE} (expert_id TEXT PRIMARY KEY, time_zone TEXT NOT NULL, weekly TEXT NOT NULL, exceptions TEXT NOT NULL, published_at TEXT NOT NULL);`,
  tables: [AVAILABILITY_TABLE],
  filter: { streamPrefixes: [calendarStreamPrefix], eventTypes: ['AvailabilityPublished'] },
  apply(db, recorded: RecordedEvent) {
    const e = { type: recorded.type, data: recorded.data } as InterviewEvent;
    if (e.type !== 'AvailabilityPublished') return;
    db.prepare(`INSERT OR REPLACE INTO ${AVAILABILITY_TABLE} (expert_id, time_zone, weekly, exceptions, published_at) VALUES (?, ?, ?, ?, ?)`).run(
      e.data.expertId,
      e.data.timeZone,
      JSON.stringify(e.data.weekly),
      JSON.stringify(e.data.exceptions),
      e.data.at,
    );
  },
};

export const toAvailability = (r: AvailabilityRow): Availability => ({ timeZone: r.time_zone, weekly: JSON.parse(r.weekly) as Availability['weekly'], exceptions: JSON.parse(r.exceptions) as Availability['exceptions'] });
