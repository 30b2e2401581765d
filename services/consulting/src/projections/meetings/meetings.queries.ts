import type Database from 'better-sqlite3';
import { MEETINGS_TABLE, REGISTRATIONS_TABLE, toMeeting, type MeetingRow } from './meetings.projection';

export type MeetingView = ReturnType<typeof toMeeting>;

export interface Registration {
  readonly participantId: string;
  readonly role: string;
  readonly status: string;
  readonly attended: boolean;
}

/** The query port of the meetings read model: meetings with their free seats, and who holds or waits for one. */
export abstract class MeetingsQueries {
  /** Meetings starting after `now`, soonest first. */
  abstract upcoming(now: string, options: { withFreeSeats: boolean; limit: number }): MeetingView[];
  abstract get(meetingId: string): MeetingView | undefined;
  /** Seated and waiting participants, by status then by when they got there. */
  abstract registrations(meetingId: string): Registration[];
}

export class SqliteMeetingsQueries extends MeetingsQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  upcoming(now: string, options: { withFreeSeats: boolean; limit: number }): MeetingView[] {
    const free = options.withFreeSeats ? 'AND seats_taken < seats' : '';
    return this.db
      .prepare<[string, number], MeetingRow>(`SELECT * FROM ${MEETINGS_TABLE} WHERE starts_at > ? ${free} ORDER BY starts_at, meeting_id LIMIT ?`)
      .all(now, options.limit)
      .map(toMeeting);
  }

  get(meetingId: string): MeetingView | undefined {
    const row = this.db.prepare<[string], MeetingRow>(`SELECT * FROM ${MEETINGS_TABLE} WHERE meeting_id = ?`).get(meetingId);
    return row ? toMeeting(row) : undefined;
  }

  registrations(meetingId: string): Registration[] {
    return this.db
      .prepare<[string], { participant_id: string; role: string; status: string; attended: number }>(
        `SELECT participant_id, role, status, attended FROM ${REGISTRATIONS_TABLE} WHERE meeting_id = ? ORDER BY status, since_position`,
      )
      .all(meetingId)
      .map((r) => ({ participantId: r.participant_id, role: r.role, status: r.status, attended: r.attended === 1 }));
  }
}
