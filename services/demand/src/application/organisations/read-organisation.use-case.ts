import { ForbiddenError, type Principal } from '@hope/kernel';
import { OrganisationNotFound } from '../../domain/organisation/organisation.decide';
import type { DashboardQueries } from '../../projections/dashboard/dashboard.queries';
import type { OrganisationQueries } from '../../projections/organisations/organisations.queries';
import type { OrganisationView } from '../../projections/organisations/organisations.projection';

/** Staff read every organisation; an enterprise user only those it is a member of (403 otherwise). */
export function readOrganisation(deps: { organisationList: OrganisationQueries }, input: { organisationId: string; by: Principal }): OrganisationView {
  const { organisationId, by } = input;
  if (by.role === 'enterprise' && !deps.organisationList.isMember(organisationId, by.subject)) {
    throw new ForbiddenError('ORGANISATION.NOT_A_MEMBER', `You are not a member of organisation ${organisationId}`);
  }
  const o = deps.organisationList.find(organisationId);
  if (!o) throw new OrganisationNotFound();
  return o;
}

/** An organisation's dashboard, for those who may read the organisation. */
export function readDashboard(deps: { organisationList: OrganisationQueries; dashboard: DashboardQueries }, input: { organisationId: string; by: Principal; limit: number; cursor?: string }) {
  readOrganisation(deps, input);
  return deps.dashboard.ofOrganisation(input.organisationId, input.limit, input.cursor);
}
