import { ConsultationCompleted, InterviewCancelled, InterviewConfirmed, InterviewRequested, MeetingAttended } from './events/consulting.events';
import { DemandCancelled, DemandClosed, DemandExpired, DemandPublished, DemandRevised, NdaAccepted } from './events/demand.events';
import { ExpertCertified, ExpertJoined, ExpertsMatched, InvitationFraudDetected, MatchedExpertsInvited } from './events/matching.events';
import { ProbeSent } from './events/ops.events';
import { POINTS_EVENTS } from './events/points.events';
import { ClueSubmitted, PlanAdopted, PlanShortlisted, PlanSubmitted, ProposalRejected, ProposalWithdrawn } from './events/proposal.events';
import { EventRegistry, type EventDefinition } from './registry';

/** Every integration event type the platform knows, at its current version. One line per type. */
const ALL: readonly EventDefinition<unknown>[] = [
  ProbeSent,
  // demand
  DemandPublished,
  DemandRevised,
  DemandClosed,
  DemandExpired,
  DemandCancelled,
  NdaAccepted,
  ClueSubmitted,
  PlanSubmitted,
  PlanShortlisted,
  PlanAdopted,
  ProposalWithdrawn,
  ProposalRejected,
  // matching
  ExpertJoined,
  InvitationFraudDetected,
  ExpertCertified,
  ExpertsMatched,
  MatchedExpertsInvited,
  // consulting
  ConsultationCompleted,
  MeetingAttended,
  InterviewRequested,
  InterviewConfirmed,
  InterviewCancelled,
  // points (its own list, which its relay's translator uses too)
  ...POINTS_EVENTS,
];

export const createEventRegistry = (): EventRegistry => {
  const registry = new EventRegistry();
  for (const definition of ALL) registry.register(definition);
  return registry;
};
