import type { CommandMeta, Principal } from '@hope/kernel';
import { OrganisationNotFound, type OrganisationCommand } from '../../domain/organisation/organisation.decide';
import type { OrganisationDeps } from './organisation.deps';

type Registration = Extract<OrganisationCommand, { type: 'RegisterOrganisation' }>['data'];

/**
 * Registers an organisation (operators). A repeat is a no-op by the decider's own rule (same name and
 * kind), not by command id; `created` says whether this command registered it (201 rather than 200):
 * a keyed retry is the same command, a duplicate, and answers 201 as its first attempt did.
 */
export async function registerOrganisation(deps: OrganisationDeps, input: Registration & { by: Principal }, meta: CommandMeta) {
  const { by, ...data } = input;
  const outcome = await deps.organisations.handle(data.organisationId, { type: 'RegisterOrganisation', data, metadata: { now: deps.clock.now(), by } }, meta);
  const s = outcome.state;
  if (s.status === 'none') throw new OrganisationNotFound();
  return { created: outcome.appended > 0 || outcome.duplicate, organisation: { organisationId: s.organisationId, name: s.name, kind: s.kind } };
}
