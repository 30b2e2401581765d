import { ForbiddenError, type CommandMeta } from '@hope/kernel';
import type { ExpertHandler, InvitationHandler, Now } from './registry.handlers';

export interface SendInvitationDeps {
  readonly experts: ExpertHandler;
  readonly invitations: InvitationHandler;
  readonly clock: Now;
}

export interface SendInvitationInput {
  /** The new invitation's id, which is also its code. */
  readonly invitationId: string;
  readonly inviterId: string;
  readonly inviteeEmail?: string;
}

/** A member invites a person (by email, or a code to share); the inviter's email lets the decider refuse a self-invitation. */
export async function sendInvitation(deps: SendInvitationDeps, input: SendInvitationInput, meta: CommandMeta): Promise<{ invitationId: string; code: string }> {
  const { invitationId, inviterId, inviteeEmail } = input;
  const inviter = await deps.experts.load(inviterId);
  if (inviter.status !== 'member') throw new ForbiddenError('INVITATION.NOT_A_MEMBER', 'Only experts who joined may invite');
  const inviterEmail = inviter.profile.email;
  await deps.invitations.handle(
    invitationId,
    {
      type: 'SendInvitation',
      data: { invitationId, inviterId, ...(inviterEmail !== undefined ? { inviterEmail } : {}), ...(inviteeEmail !== undefined ? { inviteeEmail } : {}) },
      metadata: { now: deps.clock.now() },
    },
    meta,
  );
  return { invitationId, code: invitationId };
}
