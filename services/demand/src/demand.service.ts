import { Topics } from '@hope/contracts';
import type { ServiceDefinition } from '@hope/platform';

/** Demand publishing: organisations, demands, sub-problems, NDA, clues and plans, award. */
export const demandService: ServiceDefinition = {
  name: 'demand',
  defaultPort: 3001,
  title: 'HOPE demand',
  description: 'Demand publishing: organisations, demands, sub-problems, NDA, clues and plans, award.',
  imports: [],
  // Every service listens to the others' topics (the pipeline probe needs no more for now).
  consumes: Object.values(Topics).filter((t) => t !== Topics.demand),
};
