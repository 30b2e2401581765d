import { Topics } from '@hope/contracts';
import type { ServiceDefinition } from '@hope/platform';
import { pointsJobs, PointsModule } from './points.module';
import { pointsContracts } from './points.translator';
import { asOfCheckpointsProjection } from './projections/as-of/as-of-checkpoints.projection';
import { balanceProjection } from './projections/balance/balance.projection';
import { ledgerProjection } from './projections/ledger/ledger.projection';
import { leaderboardProjection } from './projections/leaderboard/leaderboard.projection';
import { rulebookProjection } from './projections/rulebook/rulebook.projection';
import { sourcesProjection } from './projections/sources/sources.projection';

/** The influence-points ledger: earning, spending, balances, ledger and leaderboard. */
export const pointsService: ServiceDefinition = {
  name: 'points',
  defaultPort: 3004,
  title: 'HOPE points',
  description: 'The influence-points ledger: earning, spending, balances, ledger and leaderboard.',
  // Enterprise callers act for their organisation only while demand says they are members (decision 0007).
  tenancy: true,
  imports: [PointsModule],
  // It earns on demand, matching and consulting events (and answers pipeline probes from all).
  consumes: Object.values(Topics).filter((t) => t !== Topics.points),
  publishes: pointsContracts,
  projections: [balanceProjection, ledgerProjection, rulebookProjection, leaderboardProjection, sourcesProjection, asOfCheckpointsProjection],
  jobs: pointsJobs,
};
