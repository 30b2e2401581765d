import type Database from 'better-sqlite3';
import type { SqlProjection } from '@hope/eventstore';
import type { MembershipEvent } from './membership.decide';

/**
 * Current members of each organisation, from the membership facts this service recorded. A removal
 * deletes the row, so the first request after the removal is consumed and projected is refused.
 */
export const membershipsProjection: SqlProjection = {
  name: 'tenancy-memberships',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS tenancy_organisations (organisation_id TEXT PRIMARY KEY, recorded_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS tenancy_members (
      organisation_id TEXT NOT NULL, subject TEXT NOT NULL, since TEXT NOT NULL, PRIMARY KEY (organisation_id, subject)
    );`,
  tables: ['tenancy_organisations', 'tenancy_members'],
  filter: { streamPrefixes: ['tenancy-'] },
  apply(db, recorded) {
    const e = { type: recorded.type, data: recorded.data } as MembershipEvent;
    switch (e.type) {
      case 'TenantOrganisationRecorded':
        db.prepare('INSERT OR IGNORE INTO tenancy_organisations VALUES (?, ?)').run(e.data.organisationId, e.data.at);
        return;
      case 'TenantMemberRecorded':
        db.prepare('INSERT OR IGNORE INTO tenancy_members VALUES (?, ?, ?)').run(e.data.organisationId, e.data.subject, e.data.at);
        return;
      case 'TenantMemberRemovalRecorded':
        db.prepare('DELETE FROM tenancy_members WHERE organisation_id = ? AND subject = ?').run(e.data.organisationId, e.data.subject);
        return;
    }
  },
};

/** The query port tenancy rests on in every service but demand (which holds the organisations itself). */
export abstract class Memberships {
  abstract isMember(organisationId: string, subject: string): boolean;
}

export class SqliteMemberships extends Memberships {
  constructor(private readonly db: Database.Database) {
    super();
  }

  isMember(organisationId: string, subject: string): boolean {
    return this.db.prepare('SELECT 1 FROM tenancy_members WHERE organisation_id = ? AND subject = ?').get(organisationId, subject) !== undefined;
  }
}
