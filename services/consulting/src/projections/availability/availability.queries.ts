import type Database from 'better-sqlite3';
import type { Availability } from '../../domain/availability/availability';
import { AVAILABILITY_TABLE, toAvailability, type AvailabilityRow } from './availability.projection';

export interface PublishedAvailability {
  readonly availability: Availability;
  readonly publishedAt: string;
}

/** The query port of the availability read model: what each expert last published. */
export abstract class AvailabilityQueries {
  abstract get(expertId: string): PublishedAvailability | undefined;
}

export class SqliteAvailabilityQueries extends AvailabilityQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  get(expertId: string): PublishedAvailability | undefined {
    const row = this.db.prepare<[string], AvailabilityRow>(`SELECT * FROM ${AVAILABILITY_TABLE} WHERE expert_id = ?`).get(expertId);
    return row ? { availability: toAvailability(row), publishedAt: row.published_at } : undefined;
  }
}
