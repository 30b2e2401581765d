import { IllegalStateError, NotFoundError, type CommandMeta } from '@hope/kernel';
import { ExpertAlreadyJoined, ExpertForgotten } from '../domain/expert/expert.decide';
import type { Profile } from '../domain/expert/profile';
import { acceptInvitation, type AcceptInvitationDeps } from './accept-invitation.use-case';
import type { KeyPreparation } from './personal-data/key-preparation';

/**
 * A join whose `invitationCode` names no invitation: the code is a field of the body, not the resource
 * asked for, so it is the request's fault, named (422), not a 404 (`/experts` exists). Redeeming by
 * path (`POST /invitations/{id}/acceptance`) stays a 404: there the code is the resource (decision 0057).
 */
export class UnknownInvitationCode extends IllegalStateError {
  constructor(invitationId: string) {
    super('INVITATION.UNKNOWN_CODE', `No invitation ${invitationId}`, { status: 422, fields: [{ field: 'invitationCode', reason: 'is not the code of an invitation' }] });
  }
}

export type JoinExpertDeps = AcceptInvitationDeps & { readonly keys: KeyPreparation };

export interface JoinExpertInput {
  readonly expertId: string;
  readonly profile: Profile;
  /** The invitation code, if the expert was invited. */
  readonly invitationId?: string;
}

/** Joins with an optional invitation code: the invitation is redeemed first, the expert credits its inviter only if it was clean. */
export async function joinExpert(deps: JoinExpertDeps, input: JoinExpertInput, meta: CommandMeta): Promise<void> {
  const { expertId, profile, invitationId } = input;
  // Refused before the invitation is touched: a member redeeming a code to join again must not use it up.
  await deps.keys.prepare(expertId);
  const existing = await deps.experts.load(expertId);
  if (existing.status === 'member') {
    // A keyed retry of the join that made this member is the same command: a duplicate, answered as the
    // first time (its invitation was redeemed then). Any other join reaches the decider, which refuses it.
    const again = await deps.experts.handle(expertId, { type: 'JoinExpert', data: { expertId, profile }, metadata: { now: deps.clock.now() } }, meta);
    if (again.duplicate) return;
    throw new ExpertAlreadyJoined(expertId);
  }
  if (existing.status === 'forgotten') throw new ExpertForgotten(expertId);
  const accepted = invitationId ? await acceptInvitation(deps, { invitationId, inviteeId: expertId }, meta).catch(unknownAs422(invitationId)) : {};
  await deps.experts.handle(
    expertId,
    { type: 'JoinExpert', data: { expertId, profile, ...(accepted.credited ? { invitation: accepted.credited } : {}) }, metadata: { now: deps.clock.now() } },
    meta,
  );
}

const unknownAs422 = (invitationId: string) => (error: unknown): never => {
  if (error instanceof NotFoundError && error.code === 'INVITATION.NOT_FOUND') throw new UnknownInvitationCode(invitationId);
  throw error;
};
