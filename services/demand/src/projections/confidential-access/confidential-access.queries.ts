import type Database from 'better-sqlite3';

/** What the accepted-NDA read model answers (browse and search join its table directly). */
export abstract class ConfidentialAccessQueries {
  /** The confidential demands whose NDA this expert accepted, by id. */
  abstract acceptedBy(expertId: string): { demandId: string; ndaVersion: string; acceptedAt: string }[];
}

export class SqliteConfidentialAccessQueries extends ConfidentialAccessQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  acceptedBy(expertId: string) {
    return this.db
      .prepare<[string], { demandId: string; ndaVersion: string; acceptedAt: string }>(
        'SELECT demand_id AS demandId, nda_version AS ndaVersion, accepted_at AS acceptedAt FROM confidential_access_ndas WHERE expert_id = ? ORDER BY demand_id',
      )
      .all(expertId);
  }
}
