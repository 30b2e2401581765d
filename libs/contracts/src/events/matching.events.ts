import { PayloadReader } from '../payload';
import type { EventDefinition } from '../registry';

/** Published by the matching service (expert registry); the points service earns on them. */
export interface ExpertJoinedV1 {
  expertId: string;
  /** Present when the expert joined through an invitation. */
  inviterId?: string;
  invitationId?: string;
  joinedAt: string;
}

export const FRAUD_PATTERNS = ['self-invite', 'invite-ring', 'burst-from-one-source'] as const;
export type FraudPattern = (typeof FRAUD_PATTERNS)[number];

export interface InvitationFraudDetectedV1 {
  invitationId: string;
  inviterId: string;
  inviteeId: string;
  pattern: FraudPattern;
  detectedAt: string;
}

export interface ExpertCertifiedV1 {
  expertId: string;
  certifiedAt: string;
  /** The operator who certified. */
  by: string;
}

export const ExpertJoined: EventDefinition<ExpertJoinedV1> = {
  type: 'ExpertJoined',
  version: 1,
  parse(data) {
    const r = new PayloadReader('ExpertJoined', data);
    const inviterId = r.optionalString('inviterId');
    const invitationId = r.optionalString('invitationId');
    return {
      expertId: r.string('expertId'),
      ...(inviterId !== undefined ? { inviterId } : {}),
      ...(invitationId !== undefined ? { invitationId } : {}),
      joinedAt: r.timestamp('joinedAt'),
    };
  },
};

export const InvitationFraudDetected: EventDefinition<InvitationFraudDetectedV1> = {
  type: 'InvitationFraudDetected',
  version: 1,
  parse(data) {
    const r = new PayloadReader('InvitationFraudDetected', data);
    return {
      invitationId: r.string('invitationId'),
      inviterId: r.string('inviterId'),
      inviteeId: r.string('inviteeId'),
      pattern: r.oneOf('pattern', FRAUD_PATTERNS),
      detectedAt: r.timestamp('detectedAt'),
    };
  },
};

export const ExpertCertified: EventDefinition<ExpertCertifiedV1> = {
  type: 'ExpertCertified',
  version: 1,
  parse(data) {
    const r = new PayloadReader('ExpertCertified', data);
    return { expertId: r.string('expertId'), certifiedAt: r.timestamp('certifiedAt'), by: r.string('by') };
  },
};
