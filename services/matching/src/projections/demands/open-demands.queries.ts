import type Database from 'better-sqlite3';
import type { DemandSubject } from '../../domain/matches/matches.decide';

/** The open demands, for re-matching. */
export abstract class OpenDemandsQueries {
  /** Open demands after `cursor` (demand id order), at most `limit`. */
  abstract page(cursor: string | undefined, limit: number): DemandSubject[];
}

export class SqliteOpenDemandsQueries extends OpenDemandsQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  page(cursor: string | undefined, limit: number): DemandSubject[] {
    return this.db
      .prepare<[string, number], { subject: string }>('SELECT subject FROM open_demands WHERE open = 1 AND demand_id > ? ORDER BY demand_id LIMIT ?')
      .all(cursor ?? '', limit)
      .map((r) => JSON.parse(r.subject) as DemandSubject);
  }
}
