import type Database from 'better-sqlite3';
import { projectionSpec, type GivenEvent } from '@hope/eventstore/testing';
import type { Principal } from '@hope/kernel';
import type { DemandContent } from '../../domain/demand/demand.content';
import { confidentialAccessProjection } from '../confidential-access/confidential-access.projection';
import { readModelsTogether } from '../read-models.testing';
import { demandCatalogueProjection } from './demand-catalogue.projection';
import { SqliteDemandCatalogueQueries } from './demand-catalogue.queries';

const content = (title: string, deadline: string, over: Partial<DemandContent> = {}): DemandContent =>
  ({ title: { en: title }, description: { en: 'd' }, domain: 'smart-home', keywords: [], capabilities: [], subProblems: [], maturity: 'idea', trl: 3, ipTerms: 'none', deadline, visibility: 'public', anonymous: false, ...over }) as DemandContent;
const on = (demandId: string, type: string, data: Record<string, unknown>): GivenEvent => ({ stream: `demand-${demandId}`, type, data: { demandId, ...data } });
const drafted = (demandId: string, c: DemandContent, at: string) => on(demandId, 'DemandDrafted', { organisationId: 'org-1', authorId: 'alice', content: c, draftedAt: at });
const published = (demandId: string, at: string) => on(demandId, 'DemandPublished', { organisationId: 'org-1', publishedBy: 'op', publishedAt: at });

const events: GivenEvent[] = [
  drafted('d-1', content('Compressor', '2030-02-01T00:00:00.000Z'), '2030-01-01T00:00:00.000Z'),
  published('d-1', '2030-01-02T00:00:00.000Z'),
  drafted('d-2', content('Battery', '2030-01-15T00:00:00.000Z'), '2030-01-03T00:00:00.000Z'),
  published('d-2', '2030-01-04T00:00:00.000Z'),
  on('d-2', 'DemandRevised', { organisationId: 'org-1', revision: 1, changes: { title: { en: 'Battery pack' } }, changedFields: ['title'], revisedBy: 'alice', revisedAt: '2030-01-05T00:00:00.000Z' }),
  drafted('d-3', content('Sensor', '2030-01-10T00:00:00.000Z'), '2030-01-06T00:00:00.000Z'),
  drafted('d-4', content('Acoustic', '2030-01-10T00:00:00.000Z'), '2030-01-07T00:00:00.000Z'),
  published('d-4', '2030-01-08T00:00:00.000Z'),
  on('d-4', 'DemandClosed', { organisationId: 'org-1', outcome: 'not-awarded', adoptedProposalIds: [], closedBy: 'alice', closedAt: '2030-01-09T00:00:00.000Z' }),
];

const operator: Principal = { subject: 'op', role: 'operator' };
const outsider: Principal = { subject: 'bob', role: 'enterprise', organisationId: 'org-2' };
// Browsing joins the accepted-NDA table (confidential demands shown to experts who accepted): fed together.
const catalogue = readModelsTogether('demand_catalogue', [demandCatalogueProjection, confidentialAccessProjection]);
const spec = (then: (q: SqliteDemandCatalogueQueries) => void) => projectionSpec(catalogue, events, (db: Database.Database) => then(new SqliteDemandCatalogueQueries(db)));

describe('demand catalogue projection: given demand events, then browse rows and expiry candidates', () => {
  it('keeps each demand at its status with its current content, newest listing first', async () => {
    await spec((q) => {
      const items = q.browse(operator, { limit: 20 }).items;
      expect(items.map((d) => [d.demandId, d.status, d.title.en, d.revisions])).toEqual([
        ['d-4', 'closed', 'Acoustic', 0],
        ['d-3', 'draft', 'Sensor', 0],
        ['d-2', 'published', 'Battery pack', 1],
        ['d-1', 'published', 'Compressor', 0],
      ]);
    });
  });

  it('shows another organisation only what the community may see, and finds by keyword', async () => {
    await spec((q) => {
      expect(q.browse(outsider, { limit: 20 }).items.map((d) => d.demandId)).toEqual(['d-4', 'd-2', 'd-1']);
      expect(q.browse(outsider, { keyword: 'pack', limit: 20 }).items.map((d) => d.demandId)).toEqual(['d-2']);
    });
  });

  it('nominates published demands whose deadline has passed, soonest first', async () => {
    await spec((q) => {
      expect(q.dueForExpiry(new Date('2030-01-20T00:00:00.000Z'))).toEqual([{ demandId: 'd-2', deadline: '2030-01-15T00:00:00.000Z' }]);
      expect(q.dueForExpiry(new Date('2030-03-01T00:00:00.000Z')).map((d) => d.demandId)).toEqual(['d-2', 'd-1']);
    });
  });
});
