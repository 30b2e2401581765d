import type { CommandMeta, Principal } from '@hope/kernel';
import type { OrganisationDeps } from './organisation.deps';

/**
 * Adds or removes an enterprise member (operators), then waits for the membership read model, so a
 * member removed by the call is refused on the very next request. Repeats are no-ops by the decider's
 * rule (existing member, absent member), not by command id: a member removed and added again is added again.
 */
export async function changeMembership(deps: OrganisationDeps, input: { organisationId: string; subject: string; change: 'AddMember' | 'RemoveMember'; by: Principal }, meta: CommandMeta): Promise<void> {
  await deps.organisations.handle(input.organisationId, { type: input.change, data: { subject: input.subject }, metadata: { now: deps.clock.now(), by: input.by } }, meta);
}
