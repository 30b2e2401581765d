import type Database from 'better-sqlite3';
import type { SourceObservedData } from '../../domain/what-if/source-facts';
import { factsBefore, recordingSince } from './sources.projection';

/** The source events the service observed (what-if re-runs draft rules over them). */
export abstract class SourceQueries {
  /** Every fact that occurred before `until`, in the order they occurred (then as recorded). */
  abstract factsBefore(until: Date): Iterable<SourceObservedData>;
  /** When recording began (the first fact recorded), or undefined if none yet. */
  abstract recordingSince(): string | undefined;
}

export class SqliteSourceQueries implements SourceQueries {
  constructor(private readonly db: Database.Database) {}
  factsBefore = (until: Date) => factsBefore(this.db, until);
  recordingSince = () => recordingSince(this.db);
}
