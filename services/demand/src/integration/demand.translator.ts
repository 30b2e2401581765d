import {
  ClueSubmitted,
  DemandCancelled,
  DemandClosed,
  DemandExpired,
  DemandPublished,
  DemandRevised,
  MemberAdded,
  MemberRemoved,
  OrganisationRegistered,
  upcastDemandToV3,
  NdaAccepted,
  PlanAdopted,
  PlanShortlisted,
  PlanSubmitted,
  ProposalRejected,
  ProposalWithdrawn,
  type EventDefinition,
} from '@hope/contracts';
import type { ContractMapper } from '@hope/messaging';

/**
 * Our domain events are private; this is the one place that says which become which contract event.
 * Each domain event carries (at least) its contract's fields, and the contract's own `parse` keeps only
 * those and checks them, so a mapping bug fails here, before anything reaches the topic.
 */
const contractFor: Record<string, { definition: EventDefinition<unknown>; when?: (d: Record<string, unknown>) => boolean; fill?: (d: unknown) => unknown }> = {
  // Membership travels so the other services decide tenancy from facts they hold (decision 0007).
  OrganisationRegistered: { definition: OrganisationRegistered },
  MemberAdded: { definition: MemberAdded },
  MemberRemoved: { definition: MemberRemoved },
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

/**
 * The contracts this service publishes, from its recorded domain events (undefined = private). The
 * runtime builds the envelopes and publishes events appended already marked as integration events (the probe).
 */
export const demandContracts: ContractMapper = (e) => {
  const mapping = contractFor[e.type];
  if (!mapping) return undefined;
  const data = e.data as Record<string, unknown>;
  if (mapping.when && !mapping.when(data)) return undefined;
  return { type: mapping.definition.type, version: mapping.definition.version, data: mapping.definition.parse(mapping.fill ? mapping.fill(data) : data) };
};
