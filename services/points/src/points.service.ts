import { Topics } from '@hope/contracts';
import type { ServiceDefinition } from '@hope/platform';

/** The influence-points ledger: earning, spending, balances, ledger and leaderboard. */
export const pointsService: ServiceDefinition = {
  name: 'points',
  defaultPort: 3004,
  title: 'HOPE points',
  description: 'The influence-points ledger: earning, spending, balances, ledger and leaderboard.',
  imports: [],
  // Every service listens to the others' topics (the pipeline probe needs no more for now).
  consumes: Object.values(Topics).filter((t) => t !== Topics.points),
};
