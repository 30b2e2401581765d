import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { MEETING_EVENT_TYPES, meetingStreamPrefix, type MeetingEvent } from '../../domain/meeting/meeting.events';

export const MEETINGS_TABLE = 'consulting_meetings';
export const REGISTRATIONS_TABLE = 'consulting_meeting_registrations';

export interface MeetingRow {
  meeting_id: string;
  kind: string;
  title: string;
  starts_at: string;
  ends_at: string;
  venue: string | null;
  online: number;
  seats: number;
  seats_taken: number;
  waiting: number;
}

/** Meetings with their free seats, and who holds / waits for a seat (position = order on the waiting list). */
export const meetingsProjection: SqlProjection = {
  name: 'consulting_meetings',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS ${MEETINGS_TABLE} (
      meeting_id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
      venue TEXT, online INTEGER NOT NULL, seats INTEGER NOT NULL, seats_taken INTEGER NOT NULL DEFAULT 0, waiting INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS consulting_meetings_start ON ${MEETINGS_TABLE} (starts_at);
    CREATE TABLE IF NOT EXISTS ${REGISTRATIONS_TABLE} (
      meeting_id TEXT NOT NULL, participant_id TEXT NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL, since_position TEXT NOT NULL, attended INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (meeting_id, participant_id)
    );
  `,
  tables: [MEETINGS_TABLE, REGISTRATIONS_TABLE],
  filter: { streamPrefixes: [meetingStreamPrefix], eventTypes: MEETING_EVENT_TYPES },
  apply(db, recorded: RecordedEvent) {
    const e = { type: recorded.type, data: recorded.data } as MeetingEvent;
    // Zero-padded so text order is position order (rebuilds give the same rows).
    const pos = recorded.position.commit.toString().padStart(20, '0');
    const count = (meetingId: string) =>
      db.prepare(
        `UPDATE ${MEETINGS_TABLE} SET
           seats_taken = (SELECT COUNT(*) FROM ${REGISTRATIONS_TABLE} WHERE meeting_id = @m AND status = 'seated'),
           waiting = (SELECT COUNT(*) FROM ${REGISTRATIONS_TABLE} WHERE meeting_id = @m AND status = 'waiting')
         WHERE meeting_id = @m`,
      ).run({ m: meetingId });
    switch (e.type) {
      case 'MeetingScheduled': {
        const d = e.data;
        db.prepare(`INSERT OR IGNORE INTO ${MEETINGS_TABLE} (meeting_id, kind, title, starts_at, ends_at, venue, online, seats) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
          d.meetingId, d.kind, d.title, d.startsAt, d.endsAt, d.venue, d.online ? 1 : 0, d.seats,
        );
        return;
      }
      case 'SeatTaken':
      case 'WaitListJoined':
        db.prepare(`INSERT OR REPLACE INTO ${REGISTRATIONS_TABLE} (meeting_id, participant_id, role, status, since_position) VALUES (?, ?, ?, ?, ?)`).run(
          e.data.meetingId, e.data.participantId, e.data.participantRole, e.type === 'SeatTaken' ? 'seated' : 'waiting', pos,
        );
        return void count(e.data.meetingId);
      case 'WaitListPromoted':
        db.prepare(`UPDATE ${REGISTRATIONS_TABLE} SET status = 'seated', since_position = ? WHERE meeting_id = ? AND participant_id = ?`).run(pos, e.data.meetingId, e.data.participantId);
        return void count(e.data.meetingId);
      case 'RegistrationCancelled':
        db.prepare(`DELETE FROM ${REGISTRATIONS_TABLE} WHERE meeting_id = ? AND participant_id = ?`).run(e.data.meetingId, e.data.participantId);
        return void count(e.data.meetingId);
      case 'AttendanceRecorded':
        db.prepare(`UPDATE ${REGISTRATIONS_TABLE} SET attended = 1 WHERE meeting_id = ? AND participant_id = ?`).run(e.data.meetingId, e.data.participantId);
        return;
    }
  },
};

export const toMeeting = (r: MeetingRow) => ({
  meetingId: r.meeting_id,
  kind: r.kind,
  title: r.title,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  venue: r.venue,
  online: r.online === 1,
  seats: r.seats,
  seatsTaken: r.seats_taken,
  freeSeats: r.seats - r.seats_taken,
  waiting: r.waiting,
});
