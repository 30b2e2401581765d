import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { OrganisationEvent } from '../../domain/organisation/organisation.events';

/**
 * Organisations and their current members: what tenancy rests on (an enterprise caller acts for an
 * organisation only while a row here says it is a member). Removal deletes the row, so the next request
 * after a DELETE (which waits for this projection) is refused.
 */
export const organisationsProjection: SqlProjection = {
  name: 'organisations',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS organisations (
      organisation_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, registered_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS organisation_members (
      organisation_id TEXT NOT NULL, subject TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (organisation_id, subject)
    );
    CREATE INDEX IF NOT EXISTS organisation_members_subject ON organisation_members (subject);`,
  tables: ['organisations', 'organisation_members'],
  filter: { streamPrefixes: ['organisation-'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = { type: recorded.type, data: recorded.data } as OrganisationEvent;
    switch (e.type) {
      case 'OrganisationRegistered':
        db.prepare('INSERT OR REPLACE INTO organisations VALUES (?, ?, ?, ?)').run(e.data.organisationId, JSON.stringify(e.data.name), e.data.kind, e.data.registeredAt);
        return;
      case 'MemberAdded':
        db.prepare('INSERT OR REPLACE INTO organisation_members VALUES (?, ?, ?)').run(e.data.organisationId, e.data.subject, e.data.addedAt);
        return;
      case 'MemberRemoved':
        db.prepare('DELETE FROM organisation_members WHERE organisation_id = ? AND subject = ?').run(e.data.organisationId, e.data.subject);
        return;
    }
  },
};

export interface OrganisationView {
  organisationId: string;
  name: { en?: string; zh?: string };
  kind: string;
  registeredAt: string;
  members: { subject: string; role: 'enterprise'; addedAt: string }[];
}

type OrgRow = { organisation_id: string; name: string; kind: string; registered_at: string };

const membersOf = (db: Database.Database, organisationId: string) =>
  db
    .prepare<[string], { subject: string; added_at: string }>('SELECT subject, added_at FROM organisation_members WHERE organisation_id = ? ORDER BY subject')
    .all(organisationId)
    .map((m) => ({ subject: m.subject, role: 'enterprise' as const, addedAt: m.added_at }));

const toView = (db: Database.Database, r: OrgRow): OrganisationView => ({
  organisationId: r.organisation_id,
  name: JSON.parse(r.name) as OrganisationView['name'],
  kind: r.kind,
  registeredAt: r.registered_at,
  members: membersOf(db, r.organisation_id),
});

export const isMember = (db: Database.Database, organisationId: string, subject: string): boolean =>
  db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM organisation_members WHERE organisation_id = ? AND subject = ?').get(organisationId, subject) !== undefined;

export const findOrganisation = (db: Database.Database, organisationId: string): OrganisationView | undefined => {
  const r = db.prepare<[string], OrgRow>('SELECT * FROM organisations WHERE organisation_id = ?').get(organisationId);
  return r ? toView(db, r) : undefined;
};

/** Keyset-paged by id: `after` is the last id of the previous page. */
export const listOrganisations = (db: Database.Database, limit: number, after?: string): { items: OrganisationView[]; nextCursor?: string } => {
  const rows = db.prepare<[string, number], OrgRow>('SELECT * FROM organisations WHERE organisation_id > ? ORDER BY organisation_id LIMIT ?').all(after ?? '', limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => toView(db, r)), ...(rows.length > limit && last ? { nextCursor: last.organisation_id } : {}) };
};
