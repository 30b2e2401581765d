import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, NdaAcceptedV1 } from '@hope/contracts';
import { AggregateHandlers } from '@hope/platform';
import { matches } from '../domain/matches/matches.aggregate';

/**
 * The demand service's NdaAccepted: an expert the seeker invited accepted a confidential demand's NDA,
 * so they may open it here too (`mayView`). Recorded on the demand's matches stream; the id derives
 * from the source event, so a redelivery adds nothing.
 */
@Controller()
export class NdaAcceptedEventHandler {
  private readonly matches;

  constructor(aggregates: AggregateHandlers) {
    this.matches = aggregates.for(matches);
  }

  @EventPattern('NdaAccepted')
  async onNdaAccepted(@Payload() e: EventEnvelope<NdaAcceptedV1>): Promise<void> {
    const { demandId, expertId, acceptedAt } = e.data;
    await this.matches.handle(
      demandId,
      { type: 'RecordNdaAcceptance', data: { demandId, expertId, acceptedAt, sourceEventId: e.id }, metadata: { now: new Date(acceptedAt) } },
      { commandId: e.id, correlationId: e.correlationId, causationId: e.id },
      { wait: false },
    );
  }
}
