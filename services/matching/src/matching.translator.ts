import type { EventEnvelope, ExpertCertifiedV1, ExpertJoinedV1, ExpertsMatchedV1, InvitationFraudDetectedV1, MatchedExpertsInvitedV1 } from '@hope/contracts';
import { positionToString, type RecordedEvent } from '@hope/eventstore';
import type { ExpertEvent } from './domain/expert/expert.events';
import type { InvitationEvent } from './domain/invitation/invitation.events';
import type { MatchesEvent } from './domain/matches/matches.decide';

type Published = { type: string; version: number; data: unknown };

/**
 * Domain events -> integration contracts. The contract is a separate promise from our internal
 * events: ExpertJoined publishes who invited whom, never the profile (personal data stays here).
 * Events not listed are private to this service.
 */
const contractOf = (e: RecordedEvent): Published | undefined => {
  const event = { type: e.type, data: e.data } as ExpertEvent | InvitationEvent | MatchesEvent;
  switch (event.type) {
    case 'ExpertJoined': {
      const { expertId, inviterId, invitationId, joinedAt } = event.data;
      const data: ExpertJoinedV1 = { expertId, ...(inviterId !== undefined ? { inviterId } : {}), ...(invitationId !== undefined ? { invitationId } : {}), joinedAt };
      return { type: 'ExpertJoined', version: 1, data };
    }
    case 'ExpertCertified': {
      const data: ExpertCertifiedV1 = { expertId: event.data.expertId, certifiedAt: event.data.certifiedAt, by: event.data.by };
      return { type: 'ExpertCertified', version: 1, data };
    }
    case 'InvitationFraudDetected': {
      const { invitationId, inviterId, inviteeId, pattern, detectedAt } = event.data;
      const data: InvitationFraudDetectedV1 = { invitationId, inviterId, inviteeId, pattern, detectedAt };
      return { type: 'InvitationFraudDetected', version: 1, data };
    }
    case 'ExpertsMatched': {
      // Explanations stay here (GET /demands/{id}/matches); the contract carries the ranking only.
      const { demandId, subProblemId, matches, matchedAt } = event.data;
      const data: ExpertsMatchedV1 = { demandId, ...(subProblemId !== undefined ? { subProblemId } : {}), matches: matches.map(({ expertId, rank, score }) => ({ expertId, rank, score })), matchedAt };
      return { type: 'ExpertsMatched', version: 1, data };
    }
    case 'MatchedExpertsInvited': {
      const { demandId, subProblemId, expertIds, invitedAt } = event.data;
      const data: MatchedExpertsInvitedV1 = { demandId, ...(subProblemId !== undefined ? { subProblemId } : {}), expertIds: [...expertIds], invitedAt };
      return { type: 'MatchedExpertsInvited', version: 1, data };
    }
    default:
      // Events appended already in contract shape (metadata.integration, e.g. ExpertsMatched) pass through.
      return e.metadata.integration === true ? { type: e.type, version: typeof e.metadata.version === 'number' ? e.metadata.version : 1, data: e.data } : undefined;
  }
};

export const translateMatchingEvent = (e: RecordedEvent): EventEnvelope | undefined => {
  const published = contractOf(e);
  if (!published) return undefined;
  const correlationId = typeof e.metadata.correlationId === 'string' ? e.metadata.correlationId : e.id;
  const causationId = typeof e.metadata.causationId === 'string' ? e.metadata.causationId : undefined;
  return {
    id: e.id,
    ...published,
    stream: e.stream,
    revision: e.revision,
    position: positionToString(e.position),
    occurredAt: e.recordedAt.toISOString(),
    correlationId,
    ...(causationId ? { causationId } : {}),
  };
};
