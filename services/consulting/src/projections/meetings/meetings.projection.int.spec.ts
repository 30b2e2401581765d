import { projectionSpec } from '@hope/eventstore/testing';
import { meetingsProjection } from './meetings.projection';
import { SqliteMeetingsQueries } from './meetings.queries';

const m = 'meeting-m-1';
const at = '2030-01-01T00:00:00.000Z';
const seat = (type: string, participantId: string, participantRole = 'expert') => ({ stream: m, type, data: { meetingId: 'm-1', participantId, participantRole, at } });

describe('meetings projection', () => {
  it('counts seats and the waiting list; a cancelled seat promotes the next in line; attendance is marked', async () => {
    await projectionSpec(
      meetingsProjection,
      [
        { stream: m, type: 'MeetingScheduled', data: { meetingId: 'm-1', kind: 'technical-seminar', title: 'Seminar', startsAt: '2030-02-01T09:00:00.000Z', endsAt: '2030-02-01T12:00:00.000Z', venue: null, online: true, seats: 2, scheduledBy: 'ops', at } },
        seat('SeatTaken', 'exp-1'),
        seat('SeatTaken', 'u-2', 'enterprise'),
        seat('WaitListJoined', 'exp-3'),
        { stream: m, type: 'RegistrationCancelled', data: { meetingId: 'm-1', participantId: 'exp-1', hadSeat: true, at } },
        seat('WaitListPromoted', 'exp-3'),
        { stream: m, type: 'AttendanceRecorded', data: { meetingId: 'm-1', kind: 'technical-seminar', participantId: 'u-2', participantRole: 'enterprise', at } },
      ],
      (db) => {
        const q = new SqliteMeetingsQueries(db);
        expect(q.get('m-1')).toEqual({
          meetingId: 'm-1', kind: 'technical-seminar', title: 'Seminar', startsAt: '2030-02-01T09:00:00.000Z', endsAt: '2030-02-01T12:00:00.000Z',
          venue: null, online: true, seats: 2, seatsTaken: 2, freeSeats: 0, waiting: 0,
        });
        expect(q.registrations('m-1')).toEqual([
          { participantId: 'u-2', role: 'enterprise', status: 'seated', attended: true },
          { participantId: 'exp-3', role: 'expert', status: 'seated', attended: false },
        ]);
        expect(q.upcoming('2030-01-15T00:00:00.000Z', { withFreeSeats: false, limit: 10 }).map((x) => x.meetingId)).toEqual(['m-1']);
        expect(q.upcoming('2030-01-15T00:00:00.000Z', { withFreeSeats: true, limit: 10 })).toEqual([]);
      },
    );
  });
});
