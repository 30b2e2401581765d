import type Database from 'better-sqlite3';
import type { Principal } from '@hope/kernel';
import { browseDemands, demandsDueForExpiry, type BrowseFilters, type DemandSummary } from './demand-catalogue.query';

/** What the catalogue read model answers: browse and search, and the expiry job's candidates. */
export abstract class DemandCatalogueQueries {
  /** The demands the viewer may see, filtered, cursor-paged. */
  abstract browse(viewer: Principal, filters: BrowseFilters): { items: DemandSummary[]; nextCursor?: string };
  /** Published demands whose deadline has passed (candidates only: the decider re-checks). */
  abstract dueForExpiry(now: Date): { demandId: string; deadline: string }[];
}

export class SqliteDemandCatalogueQueries extends DemandCatalogueQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  browse(viewer: Principal, filters: BrowseFilters) {
    return browseDemands(this.db, viewer, filters);
  }

  dueForExpiry(now: Date) {
    return demandsDueForExpiry(this.db, now);
  }
}
