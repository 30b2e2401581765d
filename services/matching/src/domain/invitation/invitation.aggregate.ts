import { aggregate } from '@hope/kernel';
import { invitationDecider } from './invitation.decide';
import { invitationStream } from './invitation.events';

/** An invitation, `invitation-<invitationId>` (the id is the code). Handler names never change: they derive the event ids. */
export const invitations = aggregate({
  name: 'matching.invitation',
  streamOf: (invitationId: string) => invitationStream(invitationId),
  decider: invitationDecider,
  handlerNames: {
    SendInvitation: 'matching.SendInvitation',
    AcceptInvitation: 'matching.AcceptInvitation',
    FlagInvitationFraud: 'matching.FlagInvitationFraud',
  },
});
