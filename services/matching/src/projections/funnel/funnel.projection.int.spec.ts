import { projectionSpec } from '@hope/eventstore/testing';
import { funnelProjection } from './funnel.projection';
import { SqliteFunnelQueries } from './sqlite-funnel.queries';

const at = (minute: number) => `2026-03-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const match = (expertId: string, rank: number) => ({ expertId, rank, score: 1 / rank, explanation: {} });
const given = [
  { stream: 'matches-d1', type: 'ExpertsMatched', data: { demandId: 'd1', sourceEventId: 's1', matches: [match('ann', 1), match('ben', 2)], matchedAt: at(0) } },
  // A sub-problem's ranking reaches "matched" but does not overwrite the demand's rank.
  { stream: 'matches-d1', type: 'ExpertsMatched', data: { demandId: 'd1', subProblemId: 'sp1', sourceEventId: 's1', matches: [match('ben', 1)], matchedAt: at(0) } },
  { stream: 'matches-d1', type: 'MatchedExpertsInvited', data: { demandId: 'd1', expertIds: ['ann', 'ben'], invitedAt: at(0) } },
  { stream: 'funnel-d1', type: 'FunnelStepRecorded', data: { demandId: 'd1', expertId: 'ann', step: 'viewed', at: at(5) } },
  { stream: 'funnel-d1', type: 'FunnelStepRecorded', data: { demandId: 'd1', expertId: 'ann', step: 'submitted', proposalId: 'p1', at: at(9) } },
  { stream: 'funnel-d1', type: 'FunnelStepRecorded', data: { demandId: 'd1', expertId: 'ann', step: 'adopted', proposalId: 'p1', at: at(20) } },
  { stream: 'ratings-ann', type: 'ConsultationRatingRecorded', data: { expertId: 'ann', bookingId: 'b1', organisationId: 'org-1', score: 4, ratedAt: at(30) } },
];

describe('funnel projection: given matches, steps and ratings, then the funnel per demand, per expert and the track records', () => {
  it('each step is the first time it was reached; counts per step; ranks are the demand\'s own', () =>
    projectionSpec(funnelProjection, given, (db) => {
      const q = new SqliteFunnelQueries(db);
      expect(q.forDemand('d1')).toEqual({
        demandId: 'd1',
        counts: { matched: 2, invited: 2, viewed: 1, submitted: 1, shortlisted: 0, adopted: 1 },
        experts: [
          { demandId: 'd1', expertId: 'ann', rank: 1, steps: { matched: at(0), invited: at(0), viewed: at(5), submitted: at(9), adopted: at(20) } },
          { demandId: 'd1', expertId: 'ben', rank: 2, steps: { matched: at(0), invited: at(0) } },
        ],
      });
      expect(q.forExpert('ben').demands).toEqual([{ demandId: 'd1', expertId: 'ben', rank: 2, steps: { matched: at(0), invited: at(0) } }]);
    }));

  it('track records count invitations, adoptions and ratings per expert, for the ranking index', () =>
    projectionSpec(funnelProjection, given, (db) => {
      const records = new Map(new SqliteFunnelQueries(db).trackRecordsSince(0).records.map((r) => [r.expertId, r.record]));
      expect(records.get('ann')).toMatchObject({ invited: 1, adopted: 1, rated: 1, ratingSum: 4 });
      expect(records.get('ben')).toMatchObject({ invited: 1, adopted: 0, rated: 0, ratingSum: 0 });
    }));
});
