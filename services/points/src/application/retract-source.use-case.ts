import { invitationKey, proposalKey } from '../domain/account/account.commands';
import { causedBy, observeSource, type SourceEvent } from './earn-from-source.use-case';
import type { AccountHandler, Now, SourceHandler } from './handlers';

export interface RetractSourceDeps {
  readonly accounts: AccountHandler;
  readonly sources: SourceHandler;
  readonly clock: Now;
}

/** A proposal withdrawn (or rejected as plagiarism): what it earned its author is reversed. */
export async function retractProposal(deps: RetractSourceDeps, e: SourceEvent, at: string, proposal: { proposalId: string; expertId: string }, reason: string): Promise<void> {
  const key = proposalKey(proposal.proposalId);
  await observeSource(deps.sources, e, { occurredAt: at, retractKeys: [], retracts: [{ key, expertId: proposal.expertId }] });
  await reverse(deps, e, proposal.expertId, key, reason);
}

/** A fraudulent invitation: what it earned the inviter and the invitee is reversed, each on their account. */
export async function retractInvitation(deps: RetractSourceDeps, e: SourceEvent, at: string, invitation: { invitationId: string; inviterId: string; inviteeId: string; pattern: string }): Promise<void> {
  const key = invitationKey(invitation.invitationId);
  await observeSource(deps.sources, e, {
    occurredAt: at,
    retractKeys: [],
    retracts: [
      { key, expertId: invitation.inviterId },
      { key, expertId: invitation.inviteeId },
    ],
  });
  const reason = `invitation-fraud:${invitation.pattern}`;
  await reverse(deps, e, invitation.inviterId, key, reason, 'inviter');
  await reverse(deps, e, invitation.inviteeId, key, reason, 'invitee');
}

async function reverse(deps: RetractSourceDeps, e: SourceEvent, expertId: string, retracted: string, reason: string, invitationSide?: 'inviter' | 'invitee'): Promise<void> {
  await deps.accounts.handle(
    expertId,
    { type: 'ReverseSource', data: { expertId, sourceEventId: e.id, sourceType: e.type, retracted, reason, ...(invitationSide ? { invitationSide } : {}) }, metadata: { now: deps.clock.now() } },
    causedBy(e),
    { wait: false },
  );
}
