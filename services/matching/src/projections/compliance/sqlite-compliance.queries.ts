import type Database from 'better-sqlite3';
import type { CompliancePolicy, ListedCompany } from '../../domain/compliance/compliance';
import { ComplianceQueries } from './compliance.queries';

/** The compliance read model in SQLite: two small tables, read whole. */
export class SqliteComplianceQueries extends ComplianceQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  policy(): CompliancePolicy {
    const terms = this.db.prepare<[], { version: string; published_at: string }>('SELECT version, published_at FROM compliance_terms ORDER BY seq DESC LIMIT 1').get();
    const listed = this.db
      .prepare<[], { organisation_id: string; name: string; cooling_off_months: number }>('SELECT * FROM compliance_listed_companies ORDER BY organisation_id')
      .all()
      .map((r): ListedCompany => ({ organisationId: r.organisation_id, name: r.name, coolingOffMonths: r.cooling_off_months }));
    return { ...(terms ? { currentTerms: { version: terms.version, publishedAt: terms.published_at } } : {}), listedCompanies: new Map(listed.map((l) => [l.organisationId, l])) };
  }
}
