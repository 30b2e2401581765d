import { ConsultationCompleted, InterviewCancelled, InterviewConfirmed, InterviewRequested, MeetingAttended } from './events/consulting.events';
import { DemandCancelled, DemandClosed, DemandExpired, DemandPublished, DemandRevised } from './events/demand.events';
import { ExpertCertified, ExpertJoined, ExpertsMatched, InvitationFraudDetected } from './events/matching.events';
import { ProbeSent } from './events/ops.events';
import { PointsAdjusted, PointsEarned, PointsExpired, PointsReserved, PointsReversed, PointsUnlocked, ReservationCaptured, ReservationReleased } from './events/points.events';
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
  // consulting
  ConsultationCompleted,
  MeetingAttended,
  InterviewRequested,
  InterviewConfirmed,
  InterviewCancelled,
  // points
  PointsEarned,
  PointsUnlocked,
  PointsReversed,
  PointsReserved,
  ReservationCaptured,
  ReservationReleased,
  PointsExpired,
  PointsAdjusted,
];

export const createEventRegistry = (): EventRegistry => {
  const registry = new EventRegistry();
  for (const definition of ALL) registry.register(definition);
  return registry;
};
