import { projectionSpec } from '@hope/eventstore/testing';
import { availabilityProjection } from './availability.projection';
import { SqliteAvailabilityQueries } from './availability.queries';

const published = (expertId: string, timeZone: string, at: string) => ({
  stream: `expert-calendar-${expertId}`,
  type: 'AvailabilityPublished',
  data: { expertId, timeZone, weekly: [{ day: 'mon', from: '09:00', to: '17:00' }], exceptions: [], at },
});

describe('availability projection', () => {
  it('keeps the availability each expert last published; other calendar events change nothing', async () => {
    await projectionSpec(
      availabilityProjection,
      [
        published('exp-1', 'Europe/Berlin', '2030-01-01T00:00:00.000Z'),
        { stream: 'expert-calendar-exp-1', type: 'InterviewDeclined', data: { interviewId: 'i-1', at: '2030-01-01T01:00:00.000Z' } },
        published('exp-1', 'Asia/Shanghai', '2030-01-02T00:00:00.000Z'),
      ],
      (db) => {
        const q = new SqliteAvailabilityQueries(db);
        expect(q.get('exp-1')).toEqual({ availability: { timeZone: 'Asia/Shanghai', weekly: [{ day: 'mon', from: '09:00', to: '17:00' }], exceptions: [] }, publishedAt: '2030-01-02T00:00:00.000Z' });
        expect(q.get('exp-2')).toBeUndefined();
      },
    );
  });
});
