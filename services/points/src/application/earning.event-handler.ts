import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type {
  ConsultationCompletedV1,
  EventEnvelope,
  ExpertCertifiedV1,
  ExpertJoinedV1,
  InvitationFraudDetectedV1,
  MeetingAttendedV1,
  ProposalDecisionV1,
  ProposalRejectedV1,
  ProposalSubmittedV1,
  ProvenanceV1,
} from '@hope/contracts';
import { AggregateHandlers, CLOCK, type Clock } from '@hope/platform';
import { accounts } from '../domain/account/account.aggregate';
import { ruleBudgets } from '../domain/quota/quota.aggregate';
import { sources } from '../domain/what-if/source.aggregate';
import { RulebookQueries } from '../projections/rulebook/rulebook.queries';
import { earnFromSource, type EarnFromSourceDeps, type SourceEvent } from './earn-from-source.use-case';
import { retractInvitation, retractProposal } from './retract-source.use-case';

/**
 * Turns the other services' integration events into commands on the experts' accounts. Each command's
 * id is the source event id (and the handler name says which rule or which account), so a redelivered
 * or replayed event finds its own events already in the stream and earns nothing more.
 */
@Controller()
export class EarningEventHandler {
  private readonly deps: EarnFromSourceDeps;

  constructor(aggregates: AggregateHandlers, rules: RulebookQueries, @Inject(CLOCK) clock: Clock) {
    this.deps = { accounts: aggregates.for(accounts), ruleBudgets: aggregates.for(ruleBudgets), sources: aggregates.for(sources), rules, clock };
  }

  @EventPattern('ClueSubmitted')
  onClue(@Payload() e: EventEnvelope<ProposalSubmittedV1>) {
    return this.earn(e, e.data.submittedAt, submittedProvenance(e.data));
  }

  @EventPattern('PlanSubmitted')
  onPlan(@Payload() e: EventEnvelope<ProposalSubmittedV1>) {
    return this.earn(e, e.data.submittedAt, submittedProvenance(e.data));
  }

  @EventPattern('PlanShortlisted')
  onShortlisted(@Payload() e: EventEnvelope<ProposalDecisionV1>) {
    return this.earn(e, e.data.at, { demandId: e.data.demandId, proposalId: e.data.proposalId });
  }

  @EventPattern('PlanAdopted')
  onAdopted(@Payload() e: EventEnvelope<ProposalDecisionV1>) {
    return this.earn(e, e.data.at, { demandId: e.data.demandId, proposalId: e.data.proposalId });
  }

  @EventPattern('ExpertJoined')
  onJoined(@Payload() e: EventEnvelope<ExpertJoinedV1>) {
    return this.earn(e, e.data.joinedAt, { inviteeId: e.data.expertId, ...(e.data.invitationId ? { invitationId: e.data.invitationId } : {}) });
  }

  @EventPattern('ExpertCertified')
  onCertified(@Payload() e: EventEnvelope<ExpertCertifiedV1>) {
    return this.earn(e, e.data.certifiedAt, {});
  }

  @EventPattern('ConsultationCompleted')
  onConsultation(@Payload() e: EventEnvelope<ConsultationCompletedV1>) {
    return this.earn(e, e.data.completedAt, { bookingId: e.data.bookingId });
  }

  @EventPattern('MeetingAttended')
  onMeeting(@Payload() e: EventEnvelope<MeetingAttendedV1>) {
    return this.earn(e, e.data.attendedAt, { meetingId: e.data.meetingId });
  }

  @EventPattern('ProposalWithdrawn')
  onWithdrawn(@Payload() e: EventEnvelope<ProposalDecisionV1>) {
    return retractProposal(this.deps, sourceOf(e), e.data.at, e.data, 'proposal-withdrawn');
  }

  @EventPattern('ProposalRejected')
  async onRejected(@Payload() e: EventEnvelope<ProposalRejectedV1>) {
    // Only plagiarism retracts what the proposal earned; an off-topic clue was still an honest effort.
    if (e.data.reason !== 'plagiarism') return;
    await retractProposal(this.deps, sourceOf(e), e.data.at, e.data, 'proposal-rejected-plagiarism');
  }

  @EventPattern('InvitationFraudDetected')
  onFraud(@Payload() e: EventEnvelope<InvitationFraudDetectedV1>) {
    return retractInvitation(this.deps, sourceOf(e), e.data.detectedAt, e.data);
  }

  private earn(e: EventEnvelope, occurredAt: string, provenance: ProvenanceV1): Promise<void> {
    return earnFromSource(this.deps, sourceOf(e), occurredAt, provenance);
  }
}

const sourceOf = (e: EventEnvelope): SourceEvent => ({ id: e.id, type: e.type, correlationId: e.correlationId, data: e.data as Record<string, unknown> });

const submittedProvenance = (d: ProposalSubmittedV1): ProvenanceV1 => ({ demandId: d.demandId, proposalId: d.proposalId, ...(d.subProblemId ? { subProblemId: d.subProblemId } : {}) });
