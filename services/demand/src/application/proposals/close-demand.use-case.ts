import type { CommandMeta, Principal } from '@hope/kernel';
import type { Demand } from '../../domain/demand/demand.state';
import type { ProposalQueries } from '../../projections/proposals/proposals.queries';
import type { DemandDeps } from '../demands/demand.deps';

/**
 * Closes a published demand: awarded iff a plan was adopted. WRITE DECISION ON A READ MODEL: the
 * adopted plans come from the proposals projection (another aggregate's streams), which the request
 * path has waited for after each adoption (read-your-writes); an adoption racing the close may be missed.
 */
export async function closeDemand(deps: Pick<DemandDeps, 'demands' | 'clock'> & { proposalList: ProposalQueries }, input: { demandId: string; by: Principal }, meta: CommandMeta): Promise<Demand> {
  const adoptedProposalIds = deps.proposalList.adoptedIds(input.demandId);
  const { state } = await deps.demands.handle(input.demandId, { type: 'CloseDemand', data: { adoptedProposalIds }, metadata: { now: deps.clock.now(), by: input.by } }, meta);
  return state;
}
