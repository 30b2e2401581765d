import { projectionSpec, type GivenEvent } from '@hope/eventstore/testing';
import { proposalsProjection } from './proposals.projection';
import { SqliteProposalQueries } from './proposals.queries';

const submitted = (proposalId: string, kind: 'Clue' | 'Plan', expertId: string, coAuthorIds: string[], at: string, subProblemId?: string): GivenEvent => ({
  stream: `proposal-${proposalId}`,
  type: `${kind}Submitted`,
  data: { proposalId, demandId: 'd-1', ...(subProblemId ? { subProblemId } : {}), expertId, coAuthorIds, contentHash: `h-${proposalId}`, submittedAt: at, organisationId: 'org-1', content: { title: `t-${proposalId}`, body: 'b' } },
});
const decided = (type: string, proposalId: string, expertId: string): GivenEvent => ({ stream: `proposal-${proposalId}`, type, data: { proposalId, demandId: 'd-1', expertId, at: '2030-01-03T00:00:00.000Z', by: 'alice' } });

const events: GivenEvent[] = [
  submitted('p-1', 'Clue', 'x-1', [], '2030-01-02T01:00:00.000Z', 'sp-1'),
  submitted('p-2', 'Plan', 'x-2', ['x-1'], '2030-01-02T02:00:00.000Z'),
  submitted('p-3', 'Plan', 'x-3', [], '2030-01-02T03:00:00.000Z'),
  { stream: 'proposal-p-2', type: 'ProposalEdited', data: { proposalId: 'p-2', content: { title: 'edited', body: 'b2' }, contentHash: 'h-2b', editedAt: '2030-01-02T04:00:00.000Z' } },
  decided('PlanShortlisted', 'p-2', 'x-2'),
  decided('PlanAdopted', 'p-2', 'x-2'),
  decided('ProposalWithdrawn', 'p-1', 'x-1'),
  decided('ProposalRejected', 'p-3', 'x-3'),
];

describe('proposals projection: given proposal events, then the lists per demand and per expert', () => {
  it("lists a demand's proposals with their current status, title and hash", async () => {
    await projectionSpec(proposalsProjection, events, (db) => {
      const q = new SqliteProposalQueries(db);
      expect(q.ofDemand('d-1')).toEqual([
        { proposalId: 'p-1', demandId: 'd-1', subProblemId: 'sp-1', kind: 'clue', expertId: 'x-1', status: 'withdrawn', title: 't-p-1', contentHash: 'h-p-1', submittedAt: '2030-01-02T01:00:00.000Z' },
        { proposalId: 'p-2', demandId: 'd-1', kind: 'plan', expertId: 'x-2', status: 'adopted', title: 'edited', contentHash: 'h-2b', submittedAt: '2030-01-02T02:00:00.000Z' },
        { proposalId: 'p-3', demandId: 'd-1', kind: 'plan', expertId: 'x-3', status: 'rejected', title: 't-p-3', contentHash: 'h-p-3', submittedAt: '2030-01-02T03:00:00.000Z' },
      ]);
      expect(q.ofDemand('d-2')).toEqual([]);
      expect(q.adoptedIds('d-1')).toEqual(['p-2']);
    });
  });

  it('lists an expert\'s proposals as representative and as co-author, newest first', async () => {
    await projectionSpec(proposalsProjection, events, (db) => {
      const q = new SqliteProposalQueries(db);
      expect(q.ofExpert('x-1').map((p) => [p.proposalId, p.role])).toEqual([['p-2', 'co-author'], ['p-1', 'representative']]);
      expect(q.ofExpert('x-9')).toEqual([]);
    });
  });
});
