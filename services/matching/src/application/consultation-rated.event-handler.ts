import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { ConsultationRatedV1, EventEnvelope } from '@hope/contracts';
import { handleCommand, type EventStore } from '@hope/eventstore';
import { EVENT_STORE } from '@hope/platform';
import { ratingsDecider, ratingsStream } from '../domain/ratings/ratings.decide';

/**
 * The consulting service's ratings feed the track record: only an enterprise's rating of the expert
 * counts (an expert rating the enterprise says nothing of the expert). Recorded in
 * `ratings-<expertId>`, once per booking; event ids derive from the source event, so a redelivery adds nothing.
 */
@Controller()
export class ConsultationRatedEventHandler {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @EventPattern('ConsultationRated')
  async onConsultationRated(@Payload() e: EventEnvelope<ConsultationRatedV1>): Promise<void> {
    if (e.data.ratedBy !== 'enterprise') return;
    const { expertId, bookingId, organisationId, score, ratedAt } = e.data;
    await handleCommand(
      this.store,
      ratingsStream(expertId),
      ratingsDecider,
      { type: 'RecordConsultationRating', data: { expertId, bookingId, organisationId, score, ratedAt } },
      { commandId: e.id, handler: 'matching.consultation-rated', correlationId: e.correlationId, causationId: e.id },
    );
  }
}
