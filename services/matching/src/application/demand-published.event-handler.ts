import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DemandPublishedV2, DemandRevisedV1, EventEnvelope } from '@hope/contracts';
import { handleCommand, type EventStore } from '@hope/eventstore';
import { CLOCK, EVENT_STORE, type Clock } from '@hope/platform';
import { matchesDecider, matchesStream } from '../domain/matches/matches.decide';
import { MatchingIndex } from './matching-index';

/** How many experts a demand is matched with. */
export const MATCHES_PER_DEMAND = 20;

/** On a published or revised demand: rank the experts and record ExpertsMatched (published to hope.matching.events). */
@Controller()
export class DemandPublishedEventHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly index: MatchingIndex,
  ) {}

  @EventPattern('DemandPublished')
  onDemandPublished(@Payload() event: EventEnvelope<DemandPublishedV2>): Promise<void> {
    return this.match(event);
  }

  @EventPattern('DemandRevised')
  onDemandRevised(@Payload() event: EventEnvelope<DemandRevisedV1>): Promise<void> {
    return this.match(event);
  }

  private async match(event: EventEnvelope<Pick<DemandPublishedV2, 'demandId' | 'organisationId' | 'title' | 'domain' | 'keywords'>>): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    const ranking = this.index.rank({
      text: [d.title.zh, d.title.en].filter((t) => t !== undefined).join('\n'),
      keywords: d.keywords,
      domain: d.domain,
      ownerOrganisationId: d.organisationId,
      limit: MATCHES_PER_DEMAND,
      now,
    });
    // Ids derive from the source event: a redelivery finds its events already in the stream and adds nothing.
    await handleCommand(
      this.store,
      matchesStream(d.demandId),
      matchesDecider,
      { type: 'RecordMatches', data: { demandId: d.demandId, sourceEventId: event.id, matches: ranking.matches }, metadata: { now } },
      { commandId: event.id, handler: 'matching.demand-matched', correlationId: event.correlationId, causationId: event.id },
    );
  }
}
