import {
  ClueSubmitted,
  DemandCancelled,
  DemandClosed,
  DemandExpired,
  DemandPublished,
  DemandRevised,
  upcastDemandToV3,
  NdaAccepted,
  PlanAdopted,
  PlanShortlisted,
  PlanSubmitted,
  ProposalRejected,
  ProposalWithdrawn,
  type EventDefinition,
  type EventEnvelope,
} from '@hope/contracts';
import { positionToString, type RecordedEvent } from '@hope/eventstore';
import { publishMarkedIntegrationEvents, type IntegrationTranslator } from '@hope/messaging';

/**
 * Our domain events are private; this is the one place that says which become which contract event.
 * Each domain event carries (at least) its contract's fields, and the contract's own `parse` keeps only
 * those and checks them, so a mapping bug fails here, before anything reaches the topic.
 */
const contractFor: Record<string, { definition: EventDefinition<unknown>; when?: (d: Record<string, unknown>) => boolean; fill?: (d: unknown) => unknown }> = {
  // Recorded before the contract carried sub-problems: announced with the defaults the upcaster gives.
  DemandPublished: { definition: DemandPublished, fill: upcastDemandToV3 },
  DemandRevised: { definition: DemandRevised, fill: upcastDemandToV3 },
  DemandClosed: { definition: DemandClosed },
  DemandExpired: { definition: DemandExpired },
  // A draft cancelled before publication was never announced, so nobody needs its cancellation.
  DemandCancelled: { definition: DemandCancelled, when: (d) => d.wasPublished === true },
  NdaAccepted: { definition: NdaAccepted },
  ClueSubmitted: { definition: ClueSubmitted },
  PlanSubmitted: { definition: PlanSubmitted },
  PlanShortlisted: { definition: PlanShortlisted },
  PlanAdopted: { definition: PlanAdopted },
  ProposalWithdrawn: { definition: ProposalWithdrawn },
  ProposalRejected: { definition: ProposalRejected },
};

export const translateDemandEvents: IntegrationTranslator = (e: RecordedEvent): EventEnvelope | undefined => {
  const mapping = contractFor[e.type];
  const data = e.data as Record<string, unknown>;
  // Platform events (the pipeline probe) are marked at append time and published as recorded.
  if (!mapping) return publishMarkedIntegrationEvents(e);
  if (mapping.when && !mapping.when(data)) return undefined;
  const correlationId = typeof e.metadata.correlationId === 'string' ? e.metadata.correlationId : e.id;
  const causationId = typeof e.metadata.causationId === 'string' ? e.metadata.causationId : undefined;
  return {
    id: e.id,
    type: mapping.definition.type,
    version: mapping.definition.version,
    stream: e.stream,
    revision: e.revision,
    position: positionToString(e.position),
    occurredAt: e.recordedAt.toISOString(),
    correlationId,
    ...(causationId ? { causationId } : {}),
    data: mapping.definition.parse(mapping.fill ? mapping.fill(data) : data),
  };
};
