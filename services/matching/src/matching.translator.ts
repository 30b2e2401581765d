import type { ExpertCertifiedV1, ExpertJoinedV1, ExpertsMatchedV1, InvitationFraudDetectedV1, MatchedExpertsInvitedV1 } from '@hope/contracts';
import type { ContractMapper, PublishedContract } from '@hope/messaging';
import type { ExpertEvent } from './domain/expert/expert.events';
import type { InvitationEvent } from './domain/invitation/invitation.events';
import type { MatchesEvent } from './domain/matches/matches.decide';

/**
 * Domain events -> integration contracts. The contract is a separate promise from our internal
 * events: ExpertJoined publishes who invited whom, never the profile (personal data stays here).
 * Events not listed are private to this service; the runtime builds the envelopes and publishes the
 * events appended already in contract shape (the probe's).
 */
export const matchingContracts: ContractMapper = (e): PublishedContract | undefined => {
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
      return undefined;
  }
};
