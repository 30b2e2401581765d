import type Database from 'better-sqlite3';
import type { Need } from '../../domain/need/need.state';
import { listNeeds, needsToAdvance } from './needs.projection';

/** What the needs read model answers: the review queue, the public list, the saga job's work list. */
export abstract class NeedQueries {
  /** Needs whose saga has a call to make, and needs still in review after their deadline. */
  abstract toAdvance(now: Date): { unfinished: string[]; overdue: string[] };
  /** Newest first, at most 200. */
  abstract list(filter: { status?: string; expertId?: string }): Exclude<Need, { status: 'none' }>[];
}

export class SqliteNeedQueries extends NeedQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  toAdvance(now: Date) {
    return needsToAdvance(this.db, now);
  }

  list(filter: { status?: string; expertId?: string }) {
    return listNeeds(this.db, filter);
  }
}
