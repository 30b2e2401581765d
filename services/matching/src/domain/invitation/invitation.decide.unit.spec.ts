import { DeciderSpecification } from '@hope/kernel/testing';
import { IllegalStateError, NotFoundError } from '@hope/kernel';
import { BURST_LIMIT, invitationDecider, ringLinks, SelfInvitation, type InvitationCommand, type InviteLink } from './invitation.decide';
import type { InvitationEvent } from './invitation.events';

const now = new Date('2026-03-01T09:00:00.000Z');
const at = now.toISOString();
const spec = DeciderSpecification.for(invitationDecider);

const sentByA: InvitationEvent = { type: 'InvitationSent', data: { invitationId: 'inv-2', inviterId: 'B', inviteeEmail: 'a@x.cn', sentAt: at } };
const accept = (inviteeId: string, inviterChain: InviteLink[] = [], recentAcceptsFromInviter = 0): InvitationCommand => ({
  type: 'AcceptInvitation',
  data: { invitationId: 'inv-2', inviteeId, inviterChain, recentAcceptsFromInviter },
  metadata: { now },
});
const fraud = (inviteeId: string, pattern: 'self-invite' | 'invite-ring' | 'burst-from-one-source'): InvitationEvent => ({
  type: 'InvitationFraudDetected',
  data: { invitationId: 'inv-2', inviterId: 'B', inviteeId, pattern, detectedAt: at },
});
// B joined through A's invitation inv-1.
const bInvitedByA: InviteLink = { invitationId: 'inv-1', inviterId: 'A', inviteeId: 'B' };

describe('invitations and fraud guards', () => {
  it('given nothing, when an expert invites an email, then InvitationSent', () => {
    spec.given([]).when({ type: 'SendInvitation', data: { invitationId: 'inv-2', inviterId: 'B', inviterEmail: 'b@x.cn', inviteeEmail: 'a@x.cn' }, metadata: { now } }).then([sentByA]);
  });

  it('given nothing, when an expert invites their own email (any case), then it is refused', () => {
    spec.given([]).when({ type: 'SendInvitation', data: { invitationId: 'inv-2', inviterId: 'B', inviterEmail: 'B@x.cn', inviteeEmail: 'b@X.cn' }, metadata: { now } }).thenThrows(SelfInvitation);
  });

  it('given an invitation, when a new person accepts it, then InvitationAccepted names both', () => {
    spec.given([sentByA]).when(accept('C')).then([{ type: 'InvitationAccepted', data: { invitationId: 'inv-2', inviterId: 'B', inviteeId: 'C', acceptedAt: at } }]);
  });

  it('given an invitation, when the inviter redeems their own code, then the self-invite is recorded as fraud', () => {
    spec.given([sentByA]).when(accept('B')).then([fraud('B', 'self-invite')]);
  });

  it('given A invited B, when A accepts B\'s invitation, then the ring is recorded as fraud', () => {
    spec.given([sentByA]).when(accept('A', [bInvitedByA])).then([fraud('A', 'invite-ring')]);
  });

  it('given a longer chain A -> X -> B, when A accepts B\'s invitation, then it is a ring too', () => {
    const chain = [{ invitationId: 'inv-x', inviterId: 'X', inviteeId: 'B' }, { invitationId: 'inv-1', inviterId: 'A', inviteeId: 'X' }];
    spec.given([sentByA]).when(accept('A', chain)).then([fraud('A', 'invite-ring')]);
    expect(ringLinks('A', chain).map((l) => l.invitationId)).toEqual(['inv-x', 'inv-1']);
    expect(ringLinks('Z', chain)).toEqual([]);
  });

  it(`given an inviter with ${BURST_LIMIT} accepts in the window, when one more accepts, then it is a burst from one source`, () => {
    spec.given([sentByA]).when(accept('C', [], BURST_LIMIT)).then([fraud('C', 'burst-from-one-source')]);
    spec.given([sentByA]).when(accept('C', [], BURST_LIMIT - 1)).then([expect.objectContaining({ type: 'InvitationAccepted' }) as InvitationEvent]);
  });

  it('given an accepted invitation, when the same person accepts again, then nothing happens; someone else is refused', () => {
    const accepted: InvitationEvent = { type: 'InvitationAccepted', data: { invitationId: 'inv-2', inviterId: 'B', inviteeId: 'C', acceptedAt: at } };
    spec.given([sentByA, accepted]).when(accept('C')).thenNothingHappened();
    spec.given([sentByA, accepted]).when(accept('D')).thenThrows(IllegalStateError, (e) => expect((e as IllegalStateError).code).toBe('INVITATION.USED'));
  });

  it('given no invitation, when accepted, then it is not found', () => {
    spec.given([]).when(accept('C')).thenThrows(NotFoundError);
  });

  it('given an accepted invitation, when it is flagged as part of a ring, then fraud is recorded once', () => {
    const accepted: InvitationEvent = { type: 'InvitationAccepted', data: { invitationId: 'inv-2', inviterId: 'B', inviteeId: 'C', acceptedAt: at } };
    const flag: InvitationCommand = { type: 'FlagInvitationFraud', data: { invitationId: 'inv-2', pattern: 'invite-ring' }, metadata: { now } };
    spec.given([sentByA, accepted]).when(flag).then([fraud('C', 'invite-ring')]);
    spec.given([sentByA, accepted, fraud('C', 'invite-ring')]).when(flag).thenNothingHappened();
  });
});
