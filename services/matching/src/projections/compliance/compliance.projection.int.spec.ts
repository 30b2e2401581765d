import { projectionSpec } from '@hope/eventstore/testing';
import { complianceProjection } from './compliance.projection';
import { SqliteComplianceQueries } from './sqlite-compliance.queries';

const at = (day: number) => `2026-0${day}-01T00:00:00.000Z`;
const published = (version: string, day: number) => ({ stream: 'compliance-policy', type: 'TermsPublished', data: { version, by: 'op', publishedAt: at(day) } });
const listed = (organisationId: string, coolingOffMonths: number) => ({
  stream: 'compliance-policy',
  type: 'ListedCompanyRegistered',
  data: { organisationId, name: `${organisationId} Ltd`, coolingOffMonths, by: 'op', registeredAt: at(1) },
});

describe('compliance projection: given policy events, then the policy in force', () => {
  it('the latest terms version published is current; a listed company registered again keeps its last cooling-off', () =>
    projectionSpec(complianceProjection, [published('2026-01', 1), listed('org-haier', 12), published('2026-02', 2), listed('org-haier', 6), listed('org-midea', 3)], (db) => {
      const policy = new SqliteComplianceQueries(db).policy();
      expect(policy.currentTerms).toEqual({ version: '2026-02', publishedAt: at(2) });
      expect([...policy.listedCompanies.values()]).toEqual([
        { organisationId: 'org-haier', name: 'org-haier Ltd', coolingOffMonths: 6 },
        { organisationId: 'org-midea', name: 'org-midea Ltd', coolingOffMonths: 3 },
      ]);
    }));

  it('with nothing published there are no current terms and no listed companies', () =>
    projectionSpec(complianceProjection, [], (db) => {
      expect(new SqliteComplianceQueries(db).policy()).toEqual({ listedCompanies: new Map() });
    }));
});
