import type Database from 'better-sqlite3';
import { findOrganisation, isMember, listOrganisations, type OrganisationView } from './organisations.projection';

/** What the organisations read model answers; membership is what tenancy rests on. */
export abstract class OrganisationQueries {
  abstract isMember(organisationId: string, subject: string): boolean;
  abstract find(organisationId: string): OrganisationView | undefined;
  /** Keyset-paged by id: `after` is the last id of the previous page. */
  abstract list(limit: number, after?: string): { items: OrganisationView[]; nextCursor?: string };
}

export class SqliteOrganisationQueries extends OrganisationQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  isMember(organisationId: string, subject: string) {
    return isMember(this.db, organisationId, subject);
  }

  find(organisationId: string) {
    return findOrganisation(this.db, organisationId);
  }

  list(limit: number, after?: string) {
    return listOrganisations(this.db, limit, after);
  }
}
