import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, ProposalDecisionV1, ProposalSubmittedV1 } from '@hope/contracts';
import { AggregateHandlers } from '@hope/platform';
import { funnels } from '../domain/funnel/funnel.aggregate';
import type { RecordedStep } from '../domain/funnel/funnel.decide';

/**
 * The demand service's proposal events move experts down the funnel: a clue or plan submitted, a plan
 * shortlisted, adopted. Recorded in `funnel-<demandId>`; ids derive from the source event, so a
 * redelivery adds nothing, and each step counts once per expert and demand.
 */
@Controller()
export class FunnelEventHandler {
  private readonly funnels;

  constructor(aggregates: AggregateHandlers) {
    this.funnels = aggregates.for(funnels);
  }

  @EventPattern('PlanSubmitted')
  onPlanSubmitted(@Payload() e: EventEnvelope<ProposalSubmittedV1>) {
    return this.record(e, 'submitted', e.data.submittedAt);
  }

  @EventPattern('ClueSubmitted')
  onClueSubmitted(@Payload() e: EventEnvelope<ProposalSubmittedV1>) {
    return this.record(e, 'submitted', e.data.submittedAt);
  }

  @EventPattern('PlanShortlisted')
  onPlanShortlisted(@Payload() e: EventEnvelope<ProposalDecisionV1>) {
    return this.record(e, 'shortlisted', e.data.at);
  }

  @EventPattern('PlanAdopted')
  onPlanAdopted(@Payload() e: EventEnvelope<ProposalDecisionV1>) {
    return this.record(e, 'adopted', e.data.at);
  }

  private async record(e: EventEnvelope<{ demandId: string; expertId: string; proposalId: string }>, step: RecordedStep, at: string): Promise<void> {
    const { demandId, expertId, proposalId } = e.data;
    // The handler name is per step (`matching.funnel-<step>`, see funnels); no read model to wait for.
    await this.funnels.handle(
      demandId,
      { type: 'RecordFunnelStep', data: { demandId, expertId, step, proposalId, at } },
      { commandId: e.id, correlationId: e.correlationId, causationId: e.id },
      { wait: false },
    );
  }
}
