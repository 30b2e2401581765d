import { DemandPublished } from './events/demand.events';
import { ProbeSent } from './events/ops.events';
import { EventRegistry } from './registry';

/** Every integration event type the platform knows, at its current version. */
export const createEventRegistry = (): EventRegistry => {
  const registry = new EventRegistry();
  registry.register(ProbeSent);
  registry.register(DemandPublished);
  return registry;
};
