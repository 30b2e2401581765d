import type { FraudPattern } from '@hope/contracts';

export type InvitationEvent =
  | { type: 'InvitationSent'; data: { invitationId: string; inviterId: string; inviteeEmail?: string; sentAt: string } }
  | { type: 'InvitationAccepted'; data: { invitationId: string; inviterId: string; inviteeId: string; acceptedAt: string } }
  | { type: 'InvitationFraudDetected'; data: { invitationId: string; inviterId: string; inviteeId: string; pattern: FraudPattern; detectedAt: string } };

export const INVITATION_EVENT_TYPES: readonly InvitationEvent['type'][] = ['InvitationSent', 'InvitationAccepted', 'InvitationFraudDetected'];

export const invitationStream = (invitationId: string): string => `invitation-${invitationId}`;
