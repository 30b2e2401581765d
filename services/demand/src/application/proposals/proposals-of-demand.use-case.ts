import type { Principal } from '@hope/kernel';
import { DemandNotFound } from '../../domain/demand/demand.decide';
import { isOwner, readsAsStaff } from '../../domain/demand/demand.visibility';
import type { ProposalQueries } from '../../projections/proposals/proposals.queries';
import { existingDemand } from '../demands/visible-demand';
import type { ProposalDeps } from './proposal.deps';

/** A demand's clues and plans: its seeker (organisation, or the expert of a paid need) and staff only (404 for anyone else). */
export async function proposalsOfDemand(deps: Pick<ProposalDeps, 'demands'> & { proposalList: ProposalQueries }, input: { demandId: string; by: Principal }) {
  const d = await existingDemand(deps, input.demandId);
  if (!(readsAsStaff(input.by) || isOwner(d, input.by))) throw new DemandNotFound();
  return { items: deps.proposalList.ofDemand(input.demandId) };
}
