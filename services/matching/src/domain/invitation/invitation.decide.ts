import type { FraudPattern } from '@hope/contracts';
import { IllegalStateError, NotFoundError } from '@hope/kernel';
import type { InvitationEvent } from './invitation.events';

/** More accepted invitations than this from one inviter within the window is a cluster joining from one source. */
export const BURST_LIMIT = 5;
export const BURST_WINDOW_MS = 10 * 60_000;

/** How the inviter came in: the chain of invitations above them, nearest first. */
export interface InviteLink {
  readonly invitationId: string;
  readonly inviterId: string;
  readonly inviteeId: string;
}

export type InvitationCommand =
  | { type: 'SendInvitation'; data: { invitationId: string; inviterId: string; inviterEmail?: string; inviteeEmail?: string }; metadata: { now: Date } }
  | {
      type: 'AcceptInvitation';
      data: {
        invitationId: string;
        inviteeId: string;
        /** The inviter's own chain of invitations (who invited them, and so on), nearest first. */
        inviterChain: readonly InviteLink[];
        /** Invitations of the same inviter accepted within BURST_WINDOW_MS before now. */
        recentAcceptsFromInviter: number;
      };
      metadata: { now: Date };
    }
  | { type: 'FlagInvitationFraud'; data: { invitationId: string; pattern: FraudPattern }; metadata: { now: Date } };

export type Invitation =
  | { status: 'absent' }
  | { status: 'sent' | 'accepted'; invitationId: string; inviterId: string; inviteeId?: string; fraud?: FraudPattern };

export const initialState: Invitation = { status: 'absent' };

export class SelfInvitation extends IllegalStateError {
  constructor() {
    super('INVITATION.SELF_INVITE', 'An expert cannot invite themself', { status: 422 });
  }
}

/**
 * The links of the inviter's chain that close a ring with this invitee (A invites B, B invites A):
 * from the inviter up to the link whose inviter is the invitee. Empty when there is no ring.
 */
export const ringLinks = (inviteeId: string, chain: readonly InviteLink[]): InviteLink[] => {
  const end = chain.findIndex((l) => l.inviterId === inviteeId);
  return end < 0 ? [] : chain.slice(0, end + 1);
};

export const decide = (cmd: InvitationCommand, s: Invitation): InvitationEvent[] => {
  const at = cmd.metadata.now.toISOString();
  switch (cmd.type) {
    case 'SendInvitation': {
      if (s.status !== 'absent') throw new IllegalStateError('INVITATION.EXISTS', `Invitation ${cmd.data.invitationId} already exists`);
      const { invitationId, inviterId, inviterEmail, inviteeEmail } = cmd.data;
      // Prevented where it can be seen; an invitee who turns out to be the inviter is caught at acceptance.
      if (inviteeEmail !== undefined && inviterEmail !== undefined && inviteeEmail.toLowerCase() === inviterEmail.toLowerCase()) throw new SelfInvitation();
      return [{ type: 'InvitationSent', data: { invitationId, inviterId, ...(inviteeEmail !== undefined ? { inviteeEmail } : {}), sentAt: at } }];
    }
    case 'AcceptInvitation': {
      if (s.status === 'absent') throw new NotFoundError('INVITATION.NOT_FOUND', `No invitation ${cmd.data.invitationId}`);
      const { invitationId, inviteeId } = cmd.data;
      if (s.inviteeId !== undefined) {
        if (s.inviteeId === inviteeId) return []; // the same person redeeming twice: already done
        throw new IllegalStateError('INVITATION.USED', `Invitation ${invitationId} was already used`);
      }
      const fraud = (pattern: FraudPattern): InvitationEvent[] => [
        { type: 'InvitationFraudDetected', data: { invitationId, inviterId: s.inviterId, inviteeId, pattern, detectedAt: at } },
      ];
      if (inviteeId === s.inviterId) return fraud('self-invite');
      if (ringLinks(inviteeId, cmd.data.inviterChain).length > 0) return fraud('invite-ring');
      if (cmd.data.recentAcceptsFromInviter >= BURST_LIMIT) return fraud('burst-from-one-source');
      return [{ type: 'InvitationAccepted', data: { invitationId, inviterId: s.inviterId, inviteeId, acceptedAt: at } }];
    }
    case 'FlagInvitationFraud': {
      if (s.status === 'absent' || s.inviteeId === undefined) throw new NotFoundError('INVITATION.NOT_FOUND', `No accepted invitation ${cmd.data.invitationId}`);
      if (s.fraud !== undefined) return []; // one reversal per invitation is enough
      return [{ type: 'InvitationFraudDetected', data: { invitationId: s.invitationId, inviterId: s.inviterId, inviteeId: s.inviteeId, pattern: cmd.data.pattern, detectedAt: at } }];
    }
  }
};

export const evolve = (s: Invitation, e: InvitationEvent): Invitation => {
  switch (e.type) {
    case 'InvitationSent':
      return { status: 'sent', invitationId: e.data.invitationId, inviterId: e.data.inviterId };
    case 'InvitationAccepted':
      return s.status === 'absent' ? s : { ...s, status: 'accepted', inviteeId: e.data.inviteeId };
    case 'InvitationFraudDetected':
      return s.status === 'absent' ? s : { ...s, inviteeId: e.data.inviteeId, fraud: e.data.pattern };
    default:
      return s;
  }
};

export const invitationDecider = { decide, evolve, initialState };
