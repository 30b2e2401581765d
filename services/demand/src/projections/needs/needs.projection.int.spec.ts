import { projectionSpec, type GivenEvent } from '@hope/eventstore/testing';
import type { NeedEvent } from '../../domain/need/need.events';
import { needsProjection } from './needs.projection';
import { SqliteNeedQueries } from './needs.queries';

const given = (e: NeedEvent): GivenEvent => ({ stream: `need-${e.data.needId}`, type: e.type, data: e.data });
const content = { title: { en: 'A need' }, description: { en: 'd' }, domain: 'smart-home', keywords: [] };
const requested = (needId: string, expertId: string, requestedAt: string, reviewDeadline: string): NeedEvent => ({ type: 'NeedRequested', data: { needId, expertId, content, requestedAt, reviewDeadline } });
const reserved = (needId: string): NeedEvent => ({ type: 'NeedPointsReserved', data: { needId, reservationId: `r-${needId}`, points: 100, at: '2030-01-01T00:01:00.000Z' } });

const events = [
  requested('n-1', 'x-1', '2030-01-01T00:00:00.000Z', '2030-01-01T12:00:00.000Z'),
  requested('n-2', 'x-2', '2030-01-01T01:00:00.000Z', '2030-01-01T13:00:00.000Z'),
  requested('n-3', 'x-1', '2030-01-01T02:00:00.000Z', '2030-01-01T14:00:00.000Z'),
  reserved('n-1'),
  reserved('n-2'),
  { type: 'NeedApproved', data: { needId: 'n-2', approvedBy: 'op', at: '2030-01-01T03:00:00.000Z' } },
  { type: 'NeedPointsCaptured', data: { needId: 'n-2', reservationId: 'r-n-2', at: '2030-01-01T03:00:01.000Z' } },
  { type: 'NeedListed', data: { needId: 'n-2', demandId: 'n-2', deadline: '2030-04-01T03:00:02.000Z', at: '2030-01-01T03:00:02.000Z' } },
] satisfies NeedEvent[];
// Paid for before needs became demands: no NeedListed yet, so the job lists it.
const legacy = [
  requested('n-4', 'x-3', '2030-01-01T00:30:00.000Z', '2030-01-01T12:30:00.000Z'),
  reserved('n-4'),
  { type: 'NeedApproved', data: { needId: 'n-4', approvedBy: 'op', at: '2030-01-01T03:00:00.000Z' } },
  { type: 'NeedPointsCaptured', data: { needId: 'n-4', reservationId: 'r-n-4', at: '2030-01-01T03:00:01.000Z' } },
] satisfies NeedEvent[];

describe('needs projection: given saga events, then the review queue, the public list and the job\'s work list', () => {
  it('keeps each need at its saga status, newest first, filtered by status or expert', async () => {
    await projectionSpec(needsProjection, events.map(given), (db) => {
      const q = new SqliteNeedQueries(db);
      expect(q.list({}).map((n) => [n.needId, n.status])).toEqual([['n-3', 'reserving'], ['n-2', 'published'], ['n-1', 'in-review']]);
      expect(q.list({ status: 'published' })[0]).toMatchObject({ demandId: 'n-2' });
      expect(q.list({ status: 'in-review' }).map((n) => n.needId)).toEqual(['n-1']);
      expect(q.list({ expertId: 'x-1' }).map((n) => n.needId)).toEqual(['n-3', 'n-1']);
      expect(q.list({ status: 'published' })[0]).toMatchObject({ needId: 'n-2', expertId: 'x-2', reservationId: 'r-n-2', points: 100, content });
    });
  });

  it('nominates needs with a call to make or a listing to record (old paid needs too), and reviews past their deadline', async () => {
    await projectionSpec(needsProjection, [...events, ...legacy].map(given), (db) => {
      const q = new SqliteNeedQueries(db);
      expect(q.toAdvance(new Date('2030-01-01T11:59:59.000Z'))).toEqual({ unfinished: ['n-4', 'n-3'], overdue: [] });
      expect(q.toAdvance(new Date('2030-01-01T12:00:00.000Z'))).toEqual({ unfinished: ['n-4', 'n-3'], overdue: ['n-1'] });
    });
  });
});
