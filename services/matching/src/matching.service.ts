import { Topics } from '@hope/contracts';
import type { ServiceDefinition } from '@hope/platform';
import { matchingContracts } from './matching.translator';
import { RematchExpertsJob } from './application/rematch-experts.job';
import { complianceProjection } from './projections/compliance/compliance.projection';
import { openDemandsProjection } from './projections/demands/open-demands.projection';
import { inboxProjection } from './projections/inbox/inbox.projection';
import { funnelProjection } from './projections/funnel/funnel.projection';
import { registryProjection } from './projections/registry/registry.projection';
import { resourcesProjection } from './projections/resources/resources.projection';
import { RegistryModule } from './registry.module';
import { ResourcesModule } from './resources.module';

/** Expert registry (profiles, tiers, certification, invitations) and the matching engine. */
export const matchingService: ServiceDefinition = {
  name: 'matching',
  defaultPort: 3002,
  title: 'HOPE matching',
  description: 'Expert registry (profiles, tiers, certification, invitations) and the matching engine.',
  // Enterprise callers act for their organisation only while demand says they are members (decision 0007).
  tenancy: true,
  imports: [RegistryModule, ResourcesModule],
  // Every service listens to the others' topics (the pipeline probe needs no more for now).
  consumes: Object.values(Topics).filter((t) => t !== Topics.matching),
  // Domain events are mapped to their contracts (ExpertJoined without the profile); the runtime publishes the probe's marked events.
  publishes: matchingContracts,
  projections: [registryProjection, complianceProjection, funnelProjection, openDemandsProjection, inboxProjection, resourcesProjection],
  // Open demands are matched again with the experts who join or change their profile.
  jobs: [RematchExpertsJob],
};
