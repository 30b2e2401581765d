import { ConsultationCompleted, MeetingAttended } from './events/consulting.events';
import { DemandPublished } from './events/demand.events';
import { ExpertCertified, ExpertJoined, InvitationFraudDetected } from './events/matching.events';
import { ProbeSent } from './events/ops.events';
import { ClueSubmitted, PlanAdopted, PlanShortlisted, PlanSubmitted, ProposalRejected, ProposalWithdrawn } from './events/proposal.events';
import { EventRegistry, type EventDefinition } from './registry';

/** Every integration event type the platform knows, at its current version. One line per type. */
const ALL: readonly EventDefinition<unknown>[] = [
  ProbeSent,
  // demand
  DemandPublished,
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
  // consulting
  ConsultationCompleted,
  MeetingAttended,
];

export const createEventRegistry = (): EventRegistry => {
  const registry = new EventRegistry();
  for (const definition of ALL) registry.register(definition);
  return registry;
};
