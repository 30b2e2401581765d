import type Database from 'better-sqlite3';
import { projectionSpec, type GivenEvent } from '@hope/eventstore/testing';
import { demandCatalogueProjection } from '../demand-catalogue/demand-catalogue.projection';
import { proposalsProjection } from '../proposals/proposals.projection';
import { readModelsTogether } from '../read-models.testing';
import { dashboardProjection } from './dashboard.projection';
import { SqliteDashboardQueries } from './dashboard.queries';

const recorded = (stream: string, type: string, data: unknown): GivenEvent => ({ stream, type, data });
// The dashboard's figures join the catalogue's and the proposals' rows: the three are fed together.
const dashboard = readModelsTogether('dashboard', [demandCatalogueProjection, proposalsProjection, dashboardProjection]);
const spec = (events: readonly GivenEvent[], then: (q: SqliteDashboardQueries) => void) => projectionSpec(dashboard, events, (db: Database.Database) => then(new SqliteDashboardQueries(db)));

const content = { title: { en: 'Compressor' }, description: { en: 'd' }, domain: 'smart-home', keywords: [], capabilities: [], subProblems: [{ id: 'sp-1', title: { en: 'Damping' }, capabilities: [] }], maturity: 'idea', trl: 3, ipTerms: 'none', deadline: '2031-01-01T00:00:00.000Z', visibility: 'public', anonymous: false };
const submitted = (proposalId: string, expertId: string, kind: 'Clue' | 'Plan', at: string, subProblemId?: string) =>
  recorded(`proposal-${proposalId}`, `${kind}Submitted`, { proposalId, demandId: 'd-1', ...(subProblemId ? { subProblemId } : {}), expertId, coAuthorIds: [], contentHash: 'h', submittedAt: at, organisationId: 'org-1', content: { title: 't', body: 'b' } });
const decision = (type: string, proposalId: string, expertId: string) => recorded(`proposal-${proposalId}`, type, { proposalId, demandId: 'd-1', expertId, at: '2030-01-03T00:00:00.000Z', by: 'alice' });

const given: GivenEvent[] = [
  recorded('demand-d-1', 'DemandDrafted', { demandId: 'd-1', organisationId: 'org-1', authorId: 'alice', content, draftedAt: '2030-01-01T00:00:00.000Z' }),
  recorded('demand-d-1', 'DemandPublished', { demandId: 'd-1', organisationId: 'org-1', publishedBy: 'op', publishedAt: '2030-01-02T00:00:00.000Z' }),
  recorded('funnel-d-1', 'ExpertsMatchedToDemand', { demandId: 'd-1', expertIds: ['x-1', 'x-2', 'x-3'], matchedAt: '2030-01-02T01:00:00.000Z', sourceEventId: 'm-1' }),
  recorded('funnel-d-1', 'DemandViewed', { demandId: 'd-1', expertId: 'x-1', viewedAt: '2030-01-02T02:00:00.000Z' }),
  submitted('p-1', 'x-1', 'Clue', '2030-01-02T03:00:00.000Z', 'sp-1'),
  submitted('p-2', 'x-1', 'Plan', '2030-01-02T04:00:00.000Z'),
  submitted('p-3', 'x-2', 'Plan', '2030-01-02T05:00:00.000Z', 'sp-1'),
  decision('PlanShortlisted', 'p-3', 'x-2'),
  decision('PlanAdopted', 'p-3', 'x-2'),
  decision('PlanAdopted', 'p-2', 'x-1'),
];

describe('dashboard projection: given events, then the funnel and the figures', () => {
  it('counts distinct experts per stage; adoption passes the shortlist; clues and plans per sub-problem; time to first proposal', async () => {
    await spec(given, (q) => {
    const [row] = q.ofOrganisation('org-1', 20).demands;
    expect(row).toEqual({
      demandId: 'd-1',
      title: { en: 'Compressor' },
      status: 'published',
      publishedAt: '2030-01-02T00:00:00.000Z',
      deadline: '2031-01-01T00:00:00.000Z',
      proposals: { clues: 1, plans: 2 },
      subProblems: [{ subProblemId: 'sp-1', title: { en: 'Damping' }, clues: 1, plans: 1 }],
      timeToFirstProposalMs: 3 * 3_600_000,
      funnel: { matched: 3, viewed: 1, submitted: 2, shortlisted: 2, adopted: 2 },
    });
    expect(q.ofOrganisation('org-2', 20).demands).toEqual([]);
    });
  });

  it('a redelivered or repeated event counts nothing twice', async () => {
    await spec([...given, ...given.slice(2)], (q) => {
      expect(q.ofOrganisation('org-1', 20).demands[0]!.funnel).toEqual({ matched: 3, viewed: 1, submitted: 2, shortlisted: 2, adopted: 2 });
    });
  });

  it('pages through an organisation\'s demands with the cursor', async () => {
    const more = [...given, ...[2, 3, 4].map((i) => recorded(`demand-d-${i}`, 'DemandDrafted', { demandId: `d-${i}`, organisationId: 'org-1', authorId: 'alice', content, draftedAt: `2030-02-0${i}T00:00:00.000Z` }))];
    await spec(more, (q) => {
      const first = q.ofOrganisation('org-1', 3);
      const second = q.ofOrganisation('org-1', 3, first.nextCursor);
      expect([...first.demands, ...second.demands].map((d) => d.demandId)).toEqual(['d-4', 'd-3', 'd-2', 'd-1']);
      expect(second.nextCursor).toBeUndefined();
    });
  });
});
