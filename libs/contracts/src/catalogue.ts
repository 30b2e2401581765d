import { CONSULTING_EVENTS } from './events/consulting.events';
import { DEMAND_EVENTS } from './events/demand.events';
import { MATCHING_EVENTS } from './events/matching.events';
import { ProbeSent } from './events/ops.events';
import { ORGANISATION_EVENTS } from './events/organisation.events';
import { POINTS_EVENTS } from './events/points.events';
import { PROPOSAL_EVENTS } from './events/proposal.events';
import { EventRegistry, type EventDefinition } from './registry';
import type { ServiceName } from './topics';

/**
 * Every integration event type the platform knows, at its current version. Each service's contract
 * file keeps its own list (a new event is one line there), and this registers them all.
 */
const ALL: readonly EventDefinition<unknown>[] = [
  ProbeSent,
  ...ORGANISATION_EVENTS,
  ...DEMAND_EVENTS,
  ...PROPOSAL_EVENTS,
  ...MATCHING_EVENTS,
  ...CONSULTING_EVENTS,
  ...POINTS_EVENTS,
];

/**
 * What each service publishes on its topic (`Topics[service]`); every service may publish the
 * platform's ProbeSent. The AsyncAPI document (docs/asyncapi.yaml) is generated from this.
 */
export const PUBLISHED_EVENTS: Readonly<Record<ServiceName, readonly EventDefinition<unknown>[]>> = {
  demand: [...ORGANISATION_EVENTS, ...DEMAND_EVENTS, ...PROPOSAL_EVENTS, ProbeSent],
  matching: [...MATCHING_EVENTS, ProbeSent],
  consulting: [...CONSULTING_EVENTS, ProbeSent],
  points: [...POINTS_EVENTS, ProbeSent],
};

export const createEventRegistry = (): EventRegistry => {
  const registry = new EventRegistry();
  for (const definition of ALL) registry.register(definition);
  return registry;
};
