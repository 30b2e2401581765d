import { projectionSpec } from '@hope/eventstore/testing';
import { openDemandsProjection } from './open-demands.projection';
import { SqliteOpenDemandsQueries } from './open-demands.queries';

const at = '2026-03-01T09:00:00.000Z';
const demand = (demandId: string, title: string) => ({ demandId, organisationId: 'org-a', title: { en: title }, description: {}, domain: 'hvac', keywords: [], capabilities: [], subProblems: [], visibility: 'public' });
const subject = (demandId: string, title: string) => ({ stream: `matches-${demandId}`, type: 'DemandSubjectRecorded', data: { demand: demand(demandId, title), sourceEventId: 's', recordedAt: at } });
const closed = (demandId: string) => ({ stream: `matches-${demandId}`, type: 'DemandMatchingClosed', data: { demandId, reason: 'closed', closedAt: at } });

describe('open demands projection: given demands announced, revised and closed, then the open ones with their last subject', () => {
  it('a revision replaces the subject; a closed demand is gone and a later revision does not reopen it', () =>
    projectionSpec(openDemandsProjection, [subject('d1', 'first'), subject('d2', 'other'), subject('d1', 'revised'), closed('d2'), subject('d2', 'late'), closed('d3'), subject('d3', 'after close')], (db) => {
      const q = new SqliteOpenDemandsQueries(db);
      expect(q.page(undefined, 10)).toEqual([demand('d1', 'revised')]);
      expect(q.page('d1', 10)).toEqual([]);
    }));
});
