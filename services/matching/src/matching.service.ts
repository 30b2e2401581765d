import { Topics } from '@hope/contracts';
import type { ServiceDefinition } from '@hope/platform';

/** Expert registry (profiles, tiers, certification, invitations) and the matching engine. */
export const matchingService: ServiceDefinition = {
  name: 'matching',
  defaultPort: 3002,
  title: 'HOPE matching',
  description: 'Expert registry (profiles, tiers, certification, invitations) and the matching engine.',
  imports: [],
  // Every service listens to the others' topics (the pipeline probe needs no more for now).
  consumes: Object.values(Topics).filter((t) => t !== Topics.matching),
};
