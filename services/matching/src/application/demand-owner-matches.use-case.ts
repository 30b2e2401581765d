import { ForbiddenError, type AggregateHandler, type CommandMeta, type Principal } from '@hope/kernel';
import type { Matches, MatchesCommand, MatchesEvent, RecordedMatches } from '../domain/matches/matches.decide';
import { demandMatches } from './demand-matches.use-case';
import type { Now } from './registry.handlers';

export interface DemandOwnerDeps {
  readonly matches: AggregateHandler<Matches, MatchesCommand, MatchesEvent>;
  readonly clock: Now;
}

const STAFF = new Set(['operator', 'analyst', 'service']);

/**
 * Who may see and act on a demand's matches: staff, and the members of the organisation that owns the
 * demand (the tenancy gate has checked the caller is a current member of the organisation its token
 * names; the owner is the one the demand was announced with). A demand whose owner matching never
 * learnt (matched before the owner was kept) is staff-only until its next revision.
 */
function assertMaySeeMatches(who: Principal, state: Matches, demandId: string, act: string): void {
  if (STAFF.has(who.role)) return;
  const owner = state.subject?.organisationId;
  if (who.role === 'enterprise' && owner !== undefined && who.organisationId === owner) return;
  throw new ForbiddenError('MATCHES.NOT_YOUR_DEMAND', `Only the organisation that owns demand ${demandId} and staff may ${act}`);
}

/** The latest experts matched with a demand (or a sub-problem), with explanations, for its owner or staff. */
export async function matchesSeenBy(deps: DemandOwnerDeps, who: Principal, input: { demandId: string; subProblemId?: string }): Promise<RecordedMatches> {
  if (!STAFF.has(who.role)) assertMaySeeMatches(who, await deps.matches.load(input.demandId), input.demandId, 'see its matches');
  return demandMatches(deps, input);
}

/**
 * The owning enterprise (or an operator) invites one of the experts matched with its demand: only a
 * matched expert (422 otherwise), once (again records nothing).
 */
export async function inviteMatchedExpert(
  deps: DemandOwnerDeps,
  who: Principal,
  input: { demandId: string; expertId: string },
  meta: CommandMeta,
): Promise<{ demandId: string; expertId: string; newlyInvited: boolean }> {
  const state = await deps.matches.load(input.demandId);
  if (who.role !== 'operator') assertMaySeeMatches(who, state, input.demandId, 'invite its matched experts');
  const organisationId = state.subject?.organisationId ?? who.organisationId ?? '';
  const outcome = await deps.matches.handle(
    input.demandId,
    { type: 'InviteMatchedExpert', data: { demandId: input.demandId, expertId: input.expertId, organisationId, invitedBy: who.subject }, metadata: { now: deps.clock.now() } },
    meta,
  );
  return { demandId: input.demandId, expertId: input.expertId, newlyInvited: outcome.appended > 0 };
}
