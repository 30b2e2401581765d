import type Database from 'better-sqlite3';
import { organisationDashboard, type DemandDashboardRow } from './dashboard.query';

/** What the dashboard read model answers: an organisation's demands with their figures and funnel. */
export abstract class DashboardQueries {
  abstract ofOrganisation(organisationId: string, limit: number, cursor?: string): { organisationId: string; demands: DemandDashboardRow[]; nextCursor?: string };
}

export class SqliteDashboardQueries extends DashboardQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  ofOrganisation(organisationId: string, limit: number, cursor?: string) {
    return organisationDashboard(this.db, organisationId, limit, cursor);
  }
}
