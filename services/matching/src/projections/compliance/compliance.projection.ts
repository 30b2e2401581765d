import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { POLICY_EVENT_TYPES, type PolicyEvent } from '../../domain/compliance/policy.decide';

/** The compliance policy in force: the terms versions (latest = current) and the listed companies. */
export const complianceProjection: SqlProjection = {
  name: 'compliance',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS compliance_terms (version TEXT PRIMARY KEY, published_at TEXT NOT NULL, seq INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS compliance_listed_companies (organisation_id TEXT PRIMARY KEY, name TEXT NOT NULL, cooling_off_months INTEGER NOT NULL);
  `,
  tables: ['compliance_terms', 'compliance_listed_companies'],
  filter: { eventTypes: [...POLICY_EVENT_TYPES] },
  apply(db: Database.Database, e: RecordedEvent) {
    const event = { type: e.type, data: e.data } as PolicyEvent;
    switch (event.type) {
      case 'TermsPublished':
        db.prepare('INSERT OR REPLACE INTO compliance_terms (version, published_at, seq) VALUES (?, ?, ?)').run(event.data.version, event.data.publishedAt, Number(e.position.commit));
        return;
      case 'ListedCompanyRegistered':
        db.prepare('INSERT OR REPLACE INTO compliance_listed_companies (organisation_id, name, cooling_off_months) VALUES (?, ?, ?)').run(
          event.data.organisationId,
          event.data.name,
          event.data.coolingOffMonths,
        );
        return;
    }
  },
};
