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
import { deterministicUuid } from '@hope/eventstore';
import { CLOCK, type Clock } from '@hope/platform';
import { invitationKey, proposalKey, retractionKeys } from '../domain/account/account.commands';
import { budgetStream, rulesFor, tiersOf } from '../domain/rules/earning-rules';
import { AccountCommands } from './account-commands';
import { QuotaCommands } from './quota-commands';
import { SourceRecorder } from './source-recorder';
import { RULE_BOOK, type RuleBook } from './rule-book';

/**
 * Turns the other services' integration events into commands on the experts' accounts. Each command's
 * id is the source event id (and the handler name says which rule or which account), so a redelivered
 * or replayed event finds its own events already in the stream and earns nothing more.
 */
@Controller()
export class EarningEventHandler {
  constructor(
    private readonly commands: AccountCommands,
    private readonly quotas: QuotaCommands,
    private readonly sources: SourceRecorder,
    @Inject(RULE_BOOK) private readonly rules: RuleBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
  async onWithdrawn(@Payload() e: EventEnvelope<ProposalDecisionV1>) {
    await this.observeRetraction(e, e.data.at, [{ key: proposalKey(e.data.proposalId), expertId: e.data.expertId }]);
    await this.reverse(e, e.data.expertId, proposalKey(e.data.proposalId), 'proposal-withdrawn', 'reverse');
  }

  @EventPattern('ProposalRejected')
  async onRejected(@Payload() e: EventEnvelope<ProposalRejectedV1>) {
    // Only plagiarism retracts what the proposal earned; an off-topic clue was still an honest effort.
    if (e.data.reason !== 'plagiarism') return;
    await this.observeRetraction(e, e.data.at, [{ key: proposalKey(e.data.proposalId), expertId: e.data.expertId }]);
    await this.reverse(e, e.data.expertId, proposalKey(e.data.proposalId), 'proposal-rejected-plagiarism', 'reverse');
  }

  @EventPattern('InvitationFraudDetected')
  async onFraud(@Payload() e: EventEnvelope<InvitationFraudDetectedV1>) {
    const key = invitationKey(e.data.invitationId);
    await this.observeRetraction(e, e.data.detectedAt, [
      { key, expertId: e.data.inviterId },
      { key, expertId: e.data.inviteeId },
    ]);
    await this.reverse(e, e.data.inviterId, key, `invitation-fraud:${e.data.pattern}`, 'reverse-inviter');
    await this.reverse(e, e.data.inviteeId, key, `invitation-fraud:${e.data.pattern}`, 'reverse-invitee');
  }

  private async earn(e: EventEnvelope, occurredAt: string, provenance: ProvenanceV1): Promise<void> {
    // Kept first, so what-if can re-run any rule set over it (a redelivery records nothing more).
    await this.sources.observe({ sourceEventId: e.id, sourceType: e.type, occurredAt, data: e.data as Record<string, unknown>, retractKeys: retractionKeys(provenance), retracts: [], provenance }, e.correlationId);
    const when = new Date(occurredAt);
    // The rule set in force when the behaviour happened: handling the source again, even under newer rules, earns the same.
    const ruleSet = this.rules.at(when);
    const now = this.clock.now();
    // Tiers are judged now, under the policy in force now (an old source late in arriving counts only if still in the window).
    const tierPolicy = tiersOf(this.rules.at(now));
    for (const { rule, expertId } of rulesFor(ruleSet, e.type, e.data as Record<string, unknown>)) {
      const lotId = deterministicUuid('points.lot', e.id, rule.id);
      // A global budget is claimed first (claim id = lot id, so a redelivery claims nothing twice) and
      // given back if the account declines the earning for another reason.
      const budget = rule.budget ? budgetStream(rule.id, rule.budget.period, when) : undefined;
      const budgetExhausted = budget && rule.budget ? !(await this.quotas.claim(budget, lotId, rule.points, rule.budget.points, now)) : false;
      const result = await this.commands.run(
        {
          type: 'EarnPoints',
          data: { expertId, lotId, rule, ruleSet, sourceEventId: e.id, sourceType: e.type, occurredAt: when, provenance, budgetExhausted, tierPolicy },
          metadata: { now },
        },
        { commandId: e.id, handler: `points.earn.${rule.id}`, correlationId: e.correlationId, causationId: e.id },
      );
      if (budget && !budgetExhausted && !result.state.lots.has(lotId)) await this.quotas.release(budget, lotId, now);
    }
  }

  private async observeRetraction(e: EventEnvelope, occurredAt: string, retracts: { key: string; expertId: string }[]): Promise<void> {
    await this.sources.observe({ sourceEventId: e.id, sourceType: e.type, occurredAt, data: e.data as Record<string, unknown>, retractKeys: [], retracts }, e.correlationId);
  }

  private async reverse(e: EventEnvelope, expertId: string, retracted: string, reason: string, handler: string): Promise<void> {
    await this.commands.run(
      { type: 'ReverseSource', data: { expertId, sourceEventId: e.id, sourceType: e.type, retracted, reason }, metadata: { now: this.clock.now() } },
      { commandId: e.id, handler: `points.${handler}`, correlationId: e.correlationId, causationId: e.id },
    );
  }
}

const submittedProvenance = (d: ProposalSubmittedV1): ProvenanceV1 => ({ demandId: d.demandId, proposalId: d.proposalId, ...(d.subProblemId ? { subProblemId: d.subProblemId } : {}) });
