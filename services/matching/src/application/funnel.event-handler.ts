import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, ProposalDecisionV1, ProposalSubmittedV1 } from '@hope/contracts';
import { handleCommand, type EventStore } from '@hope/eventstore';
import { EVENT_STORE } from '@hope/platform';
import { funnelDecider, funnelStream, type RecordedStep } from '../domain/funnel/funnel.decide';

/**
 * The demand service's proposal events move experts down the funnel: a clue or plan submitted, a plan
 * shortlisted, adopted. Recorded in `funnel-<demandId>`; ids derive from the source event, so a
 * redelivery adds nothing, and each step counts once per expert and demand.
 */
@Controller()
export class FunnelEventHandler {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

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
    await handleCommand(
      this.store,
      funnelStream(demandId),
      funnelDecider,
      { type: 'RecordFunnelStep', data: { demandId, expertId, step, proposalId, at } },
      { commandId: e.id, handler: `matching.funnel-${step}`, correlationId: e.correlationId, causationId: e.id },
    );
  }
}
