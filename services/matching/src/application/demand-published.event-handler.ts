import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DemandPublishedV3, DemandRevisedV2, EventEnvelope, LocalizedText } from '@hope/contracts';
import { AggregateHandlers, CLOCK, type Clock } from '@hope/platform';
import { matches } from '../domain/matches/matches.aggregate';
import type { DemandSubject, ScopedRanking } from '../domain/matches/matches.decide';
import type { MatchQuery } from '../domain/ranking/rank';
import { MatchingIndex } from './matching-index';

/** How many experts a demand (and each sub-problem) is matched with. */
export const MATCHES_PER_DEMAND = 20;

/** The fields of a demand event that matching ranks on (and keeps, to re-match the demand later). */
export const subjectOf = (d: DemandSubject): DemandSubject => ({
  demandId: d.demandId,
  organisationId: d.organisationId,
  title: d.title,
  description: d.description,
  domain: d.domain,
  keywords: d.keywords,
  capabilities: d.capabilities,
  subProblems: d.subProblems,
  visibility: d.visibility,
});

const textOf = (...texts: LocalizedText[]): string => texts.flatMap((t) => [t.zh, t.en]).filter((t) => t !== undefined && t !== '').join('\n');

/**
 * The queries one demand event asks: the demand as a whole (title, description, keywords,
 * capabilities, domain) and each sub-problem on its own (its title and capabilities plus the demand's
 * domain). All share the owner (conflicts of interest) and the visibility (who may be invited).
 */
export function demandQueries(d: DemandSubject, now: Date): { subProblemId?: string; query: Omit<MatchQuery, 'policy'> }[] {
  const common = { ownerOrganisationId: d.organisationId, confidentiality: d.visibility, domain: d.domain, limit: MATCHES_PER_DEMAND, now };
  return [
    { query: { ...common, text: textOf(d.title, d.description), keywords: [...d.keywords, ...d.capabilities] } },
    ...d.subProblems.map((sp) => ({ subProblemId: sp.id, query: { ...common, text: textOf(sp.title), keywords: sp.capabilities } })),
  ];
}

/** On a published or revised demand: rank the experts for it and each sub-problem, record ExpertsMatched (published to hope.matching.events) and invite. */
@Controller()
export class DemandPublishedEventHandler {
  private readonly matches;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly index: MatchingIndex,
  ) {
    this.matches = aggregates.for(matches);
  }

  @EventPattern('DemandPublished')
  onDemandPublished(@Payload() event: EventEnvelope<DemandPublishedV3>): Promise<void> {
    return this.match(event);
  }

  @EventPattern('DemandRevised')
  onDemandRevised(@Payload() event: EventEnvelope<DemandRevisedV2>): Promise<void> {
    return this.match(event);
  }

  private async match(event: EventEnvelope<DemandSubject>): Promise<void> {
    const d = event.data;
    const now = this.clock.now();
    // A write decision from read models: the rankings recorded come from the index over the registry,
    // funnel and compliance projections (as far as they have caught up when the event is handled).
    const rankings: ScopedRanking[] = demandQueries(d, now).map(({ subProblemId, query }) => ({
      ...(subProblemId !== undefined ? { subProblemId } : {}),
      matches: this.index.rank(query).matches,
    }));
    // One append for the demand and its sub-problems; ids derive from the source event, so a redelivery
    // finds its events already in the stream and adds nothing.
    await this.matches.handle(
      d.demandId,
      { type: 'RecordMatches', data: { demandId: d.demandId, sourceEventId: event.id, rankings, confidentiality: d.visibility, demand: subjectOf(d) }, metadata: { now } },
      { commandId: event.id, correlationId: event.correlationId, causationId: event.id },
      { wait: false },
    );
  }
}
