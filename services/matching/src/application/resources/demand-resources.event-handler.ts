import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DemandPublishedV3, DemandRevisedV2, EventEnvelope, LocalizedText } from '@hope/contracts';
import { AggregateHandlers, CLOCK, type Clock } from '@hope/platform';
import { resourceMatches } from '../../domain/resources/resource-matches.aggregate';
import type { ResourceRanking } from '../../domain/resources/resource-matches.decide';
import { ResourceMatching } from './resource-matching';

/** How many resources a demand (and each sub-problem) is matched with. */
export const RESOURCES_PER_DEMAND = 20;

type DemandSubject = Pick<DemandPublishedV3, 'demandId' | 'organisationId' | 'title' | 'description' | 'keywords' | 'capabilities' | 'subProblems'>;

const textOf = (...parts: (LocalizedText | readonly string[])[]): string =>
  parts
    .flatMap((p) => (Array.isArray(p) ? p : [(p as LocalizedText).zh, (p as LocalizedText).en]))
    .filter((t): t is string => t !== undefined && t !== '')
    .join('\n');

/** The texts one demand event asks for: the demand as a whole, and each sub-problem on its own. */
export const resourceQueries = (d: DemandSubject): { subProblemId?: string; text: string }[] => [
  { text: textOf(d.title, d.description, d.keywords, d.capabilities) },
  ...d.subProblems.map((sp) => ({ subProblemId: sp.id, text: textOf(sp.title, sp.capabilities) })),
];

/**
 * On a published or revised demand: rank the resources for it and each sub-problem and record
 * ResourcesMatched (one append for all scopes). Ids derive from the source event, so a redelivery adds
 * nothing. Runs beside the expert matching handler of the same events (Nest runs every handler of a type).
 */
@Controller()
export class DemandResourcesEventHandler {
  private readonly matches;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly matching: ResourceMatching,
  ) {
    this.matches = aggregates.for(resourceMatches);
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
    // A write decision from a read model (decision 0012): the index is as far as the resources projection has caught up.
    const rankings: ResourceRanking[] = resourceQueries(d).map(({ subProblemId, text }) => ({
      ...(subProblemId !== undefined ? { subProblemId } : {}),
      matches: this.matching.rank(text, RESOURCES_PER_DEMAND),
    }));
    await this.matches.handle(
      d.demandId,
      { type: 'RecordResourceMatches', data: { demandId: d.demandId, ownerOrganisationId: d.organisationId, sourceEventId: event.id, rankings }, metadata: { now: this.clock.now() } },
      { commandId: event.id, ...(event.correlationId ? { correlationId: event.correlationId } : {}), causationId: event.id },
      { wait: false },
    );
  }
}
