import { Topics } from '@hope/contracts';
import type { ServiceDefinition } from '@hope/platform';
import { DemandModule } from './demand.module';
import { demandContracts } from './integration/demand.translator';
import { ExpireDemandsJob } from './jobs/expire-demands.job';
import { NeedSagaJob } from './jobs/need-saga.job';
import { needsProjection } from './projections/needs/needs.projection';
import { demandCatalogueProjection } from './projections/demand-catalogue/demand-catalogue.projection';
import { organisationsProjection } from './projections/organisations/organisations.projection';
import { confidentialAccessProjection } from './projections/confidential-access/confidential-access.projection';
import { dashboardProjection } from './projections/dashboard/dashboard.projection';
import { proposalsProjection } from './projections/proposals/proposals.projection';

/** Demand publishing: organisations, demands, sub-problems, NDA, clues and plans, award. */
export const demandService: ServiceDefinition = {
  name: 'demand',
  defaultPort: 3001,
  title: 'HOPE demand',
  description: 'Demand publishing: organisations, demands, sub-problems, NDA, clues and plans, award.',
  imports: [DemandModule],
  // Every service listens to the others' topics: the pipeline probe, and matching's ExpertsMatched
  // (hope.matching.events) for the dashboard's funnel.
  consumes: Object.values(Topics).filter((t) => t !== Topics.demand),
  // Domain events stay private; the mapper names the contract each one others need becomes.
  publishes: demandContracts,
  projections: [organisationsProjection, demandCatalogueProjection, confidentialAccessProjection, proposalsProjection, dashboardProjection, needsProjection],
  jobs: [ExpireDemandsJob, NeedSagaJob],
};
