import { PayloadReader } from '../payload';
import { EventPayloadError, type EventDefinition } from '../registry';
import { arrayOf, integer, number, object, oneOf, optionalString, string, stringArray, timestamp } from '../schema/json-schema';

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
  schemas: { 1: object({ expertId: string, joinedAt: timestamp }, { inviterId: optionalString, invitationId: optionalString }) },
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
  schemas: { 1: object({ invitationId: string, inviterId: string, inviteeId: string, pattern: oneOf(FRAUD_PATTERNS), detectedAt: timestamp }) },
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
  schemas: { 1: object({ expertId: string, certifiedAt: timestamp, by: string }) },
  parse(data) {
    const r = new PayloadReader('ExpertCertified', data);
    return { expertId: r.string('expertId'), certifiedAt: r.timestamp('certifiedAt'), by: r.string('by') };
  },
};

/** The experts the matching engine proposes for a demand (or one of its sub-problems), best first. */
export interface ExpertsMatchedV1 {
  demandId: string;
  subProblemId?: string;
  matches: { expertId: string; rank: number; score: number }[];
  matchedAt: string;
}

export const ExpertsMatched: EventDefinition<ExpertsMatchedV1> = {
  type: 'ExpertsMatched',
  version: 1,
  schemas: { 1: object({ demandId: string, matches: arrayOf(object({ expertId: string, rank: integer({ min: 1 }), score: number })), matchedAt: timestamp }, { subProblemId: optionalString }) },
  parse(data) {
    const r = new PayloadReader('ExpertsMatched', data);
    const raw = (data as { matches?: unknown }).matches;
    if (!Array.isArray(raw)) throw new EventPayloadError('ExpertsMatched', 'matches', 'must be an array');
    const matches = raw.map((m: unknown, i) => {
      const x = new PayloadReader('ExpertsMatched', m);
      const score = (m as { score?: unknown }).score;
      if (typeof score !== 'number' || !Number.isFinite(score)) throw new EventPayloadError('ExpertsMatched', `matches.${i}.score`, 'must be a number');
      return { expertId: x.string('expertId'), rank: x.integer('rank', { min: 1 }), score };
    });
    const subProblemId = r.optionalString('subProblemId');
    return { demandId: r.string('demandId'), ...(subProblemId !== undefined ? { subProblemId } : {}), matches, matchedAt: r.timestamp('matchedAt') };
  },
};

/** The matched experts not invited to this demand before are invited to answer it (notifications deliver it). */
export interface MatchedExpertsInvitedV1 {
  demandId: string;
  subProblemId?: string;
  expertIds: string[];
  invitedAt: string;
}

export const MatchedExpertsInvited: EventDefinition<MatchedExpertsInvitedV1> = {
  type: 'MatchedExpertsInvited',
  version: 1,
  schemas: { 1: object({ demandId: string, expertIds: stringArray, invitedAt: timestamp }, { subProblemId: optionalString }) },
  parse(data) {
    const r = new PayloadReader('MatchedExpertsInvited', data);
    const subProblemId = r.optionalString('subProblemId');
    return { demandId: r.string('demandId'), ...(subProblemId !== undefined ? { subProblemId } : {}), expertIds: r.stringArray('expertIds'), invitedAt: r.timestamp('invitedAt') };
  },
};

/** Every event the matching service publishes. */
export const MATCHING_EVENTS: readonly EventDefinition<unknown>[] = [
  ExpertJoined,
  InvitationFraudDetected,
  ExpertCertified,
  ExpertsMatched,
  MatchedExpertsInvited,
] as readonly EventDefinition<unknown>[];
