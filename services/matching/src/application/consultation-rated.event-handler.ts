import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { ConsultationRatedV1, EventEnvelope } from '@hope/contracts';
import { AggregateHandlers } from '@hope/platform';
import { ratings } from '../domain/ratings/ratings.aggregate';

/**
 * The consulting service's ratings feed the track record: only an enterprise's rating of the expert
 * counts (an expert rating the enterprise says nothing of the expert). Recorded in
 * `ratings-<expertId>`, once per booking; event ids derive from the source event, so a redelivery adds nothing.
 */
@Controller()
export class ConsultationRatedEventHandler {
  private readonly ratings;

  constructor(aggregates: AggregateHandlers) {
    this.ratings = aggregates.for(ratings);
  }

  @EventPattern('ConsultationRated')
  async onConsultationRated(@Payload() e: EventEnvelope<ConsultationRatedV1>): Promise<void> {
    if (e.data.ratedBy !== 'enterprise') return;
    const { expertId, bookingId, organisationId, score, ratedAt } = e.data;
    // No read model needs to include it before the message is acknowledged: no wait.
    await this.ratings.handle(
      expertId,
      { type: 'RecordConsultationRating', data: { expertId, bookingId, organisationId, score, ratedAt } },
      { commandId: e.id, correlationId: e.correlationId, causationId: e.id },
      { wait: false },
    );
  }
}
