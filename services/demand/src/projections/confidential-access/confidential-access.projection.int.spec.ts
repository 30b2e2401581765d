import { projectionSpec, type GivenEvent } from '@hope/eventstore/testing';
import { confidentialAccessProjection } from './confidential-access.projection';
import { SqliteConfidentialAccessQueries } from './confidential-access.queries';

const accepted = (demandId: string, expertId: string, acceptedAt: string): GivenEvent => ({
  stream: `nda-${demandId}`,
  type: 'NdaAccepted',
  data: { demandId, organisationId: 'org-1', expertId, ndaVersion: 'v1', acceptedAt },
});

describe('confidential access projection: given NDA events, then who accepted which demand', () => {
  it('keeps the first acceptance per expert and demand; invitations and openings add no rows', async () => {
    const events: GivenEvent[] = [
      { stream: 'nda-d-1', type: 'ExpertsInvited', data: { demandId: 'd-1', organisationId: 'org-1', expertIds: ['x-1', 'x-2'], invitedBy: 'alice', invitedAt: '2030-01-01T00:00:00.000Z' } },
      accepted('d-1', 'x-1', '2030-01-01T01:00:00.000Z'),
      accepted('d-2', 'x-1', '2030-01-01T02:00:00.000Z'),
      accepted('d-1', 'x-1', '2030-01-01T03:00:00.000Z'),
      { stream: 'nda-d-1', type: 'ConfidentialDetailsOpened', data: { demandId: 'd-1', expertId: 'x-1', openedAt: '2030-01-01T04:00:00.000Z' } },
    ];
    await projectionSpec(confidentialAccessProjection, events, (db) => {
      const q = new SqliteConfidentialAccessQueries(db);
      expect(q.acceptedBy('x-1')).toEqual([
        { demandId: 'd-1', ndaVersion: 'v1', acceptedAt: '2030-01-01T01:00:00.000Z' },
        { demandId: 'd-2', ndaVersion: 'v1', acceptedAt: '2030-01-01T02:00:00.000Z' },
      ]);
      expect(q.acceptedBy('x-2')).toEqual([]);
    });
  });

  it('records the experts matched to a demand once each (restricted demands are listed to them)', async () => {
    const matched = (expertIds: string[], sourceEventId: string): GivenEvent => ({
      stream: 'funnel-d-3',
      type: 'ExpertsMatchedToDemand',
      data: { demandId: 'd-3', expertIds, matchedAt: '2030-01-01T00:00:00.000Z', sourceEventId },
    });
    const viewed: GivenEvent = { stream: 'funnel-d-3', type: 'DemandViewed', data: { demandId: 'd-3', expertId: 'x-9', viewedAt: '2030-01-01T01:00:00.000Z' } };
    await projectionSpec(confidentialAccessProjection, [matched(['x-1', 'x-2'], 'e-1'), matched(['x-2', 'x-3'], 'e-2'), viewed], (db) => {
      expect(db.prepare('SELECT demand_id AS demandId, expert_id AS expertId FROM confidential_access_matches ORDER BY expert_id').all()).toEqual([
        { demandId: 'd-3', expertId: 'x-1' },
        { demandId: 'd-3', expertId: 'x-2' },
        { demandId: 'd-3', expertId: 'x-3' },
      ]);
    });
  });
});
