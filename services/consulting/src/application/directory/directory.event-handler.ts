import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DemandPublishedV3, EventEnvelope, ExpertJoinedV1 } from '@hope/contracts';
import { AggregateHandlers } from '@hope/platform';
import { knownDemands, knownExperts } from '../../domain/directory/directory.aggregate';

/**
 * Consulting learns which experts and demands exist from the events their services publish (we chose
 * this over asking matching or demand per request: a booking must not fail because another service is
 * down, and a lookup per referenced id would multiply calls). Ids derive from the source event, so a
 * redelivery appends nothing.
 */
@Controller()
export class DirectoryEventHandler {
  private readonly experts;
  private readonly demands;

  constructor(aggregates: AggregateHandlers) {
    this.experts = aggregates.for(knownExperts);
    this.demands = aggregates.for(knownDemands);
  }

  @EventPattern('ExpertJoined')
  async onExpertJoined(@Payload() e: EventEnvelope<ExpertJoinedV1>): Promise<void> {
    const { expertId, joinedAt } = e.data;
    await this.experts.handle(expertId, { type: 'NoteExpert', data: { expertId, joinedAt } }, { commandId: e.id, correlationId: e.correlationId, causationId: e.id }, { wait: false });
  }

  @EventPattern('DemandPublished')
  async onDemandPublished(@Payload() e: EventEnvelope<DemandPublishedV3>): Promise<void> {
    const { demandId, publishedAt } = e.data;
    await this.demands.handle(demandId, { type: 'NoteDemand', data: { demandId, publishedAt } }, { commandId: e.id, correlationId: e.correlationId, causationId: e.id }, { wait: false });
  }
}
