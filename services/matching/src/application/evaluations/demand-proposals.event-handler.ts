import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, ProposalDecisionV1, ProposalRejectedV1, ProposalSubmittedV1 } from '@hope/contracts';
import { AggregateHandlers } from '@hope/platform';
import { evaluations } from '../../domain/evaluations/evaluation.aggregate';

/**
 * Which proposals belong to which demand, from the demand service's events: a submitted clue or plan
 * may be evaluated for its demand until it is withdrawn or rejected. Runs beside the funnel's handlers
 * of the same events; ids derive from the source event, so a redelivery adds nothing.
 */
@Controller()
export class DemandProposalsEventHandler {
  private readonly evaluations;

  constructor(aggregates: AggregateHandlers) {
    this.evaluations = aggregates.for(evaluations);
  }

  @EventPattern('ClueSubmitted')
  onClue(@Payload() event: EventEnvelope<ProposalSubmittedV1>): Promise<void> {
    return this.note(event, 'clue');
  }

  @EventPattern('PlanSubmitted')
  onPlan(@Payload() event: EventEnvelope<ProposalSubmittedV1>): Promise<void> {
    return this.note(event, 'plan');
  }

  @EventPattern('ProposalWithdrawn')
  onWithdrawn(@Payload() event: EventEnvelope<ProposalDecisionV1>): Promise<void> {
    return this.close(event, 'withdrawn');
  }

  @EventPattern('ProposalRejected')
  onRejected(@Payload() event: EventEnvelope<ProposalRejectedV1>): Promise<void> {
    return this.close(event, 'rejected');
  }

  private meta(event: EventEnvelope) {
    return { commandId: event.id, ...(event.correlationId ? { correlationId: event.correlationId } : {}), causationId: event.id };
  }

  private async note(event: EventEnvelope<ProposalSubmittedV1>, proposalKind: 'clue' | 'plan'): Promise<void> {
    const { demandId, proposalId, expertId, subProblemId } = event.data;
    const data = { demandId, proposalId, proposalKind, expertId, ...(subProblemId !== undefined ? { subProblemId } : {}), sourceEventId: event.id };
    await this.evaluations.handle(demandId, { type: 'NoteProposal', data }, this.meta(event), { wait: false });
  }

  private async close(event: EventEnvelope<ProposalDecisionV1>, reason: 'withdrawn' | 'rejected'): Promise<void> {
    const { demandId, proposalId } = event.data;
    await this.evaluations.handle(demandId, { type: 'CloseProposal', data: { demandId, proposalId, reason, sourceEventId: event.id } }, this.meta(event), { wait: false });
  }
}
