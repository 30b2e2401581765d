import type { CommandMeta, Principal } from '@hope/kernel';
import { readsAsStaff } from '../../domain/demand/demand.visibility';
import { existingProposal } from './existing-proposal';
import type { ProposalDeps } from './proposal.deps';
import { proposalSeenBy, type SeenProposal } from './proposal-view';

/** One proposal. Anyone but staff reads it through OpenProposal: the seeking organisation's first reading ends editing. */
export async function readProposal(deps: Pick<ProposalDeps, 'proposals' | 'demands' | 'clock'>, input: { proposalId: string; by: Principal }, meta: CommandMeta): Promise<SeenProposal> {
  if (readsAsStaff(input.by)) return existingProposal(await deps.proposals.load(input.proposalId));
  const { state } = await deps.proposals.handle(input.proposalId, { type: 'OpenProposal', data: {}, metadata: { now: deps.clock.now(), by: input.by } }, meta);
  return proposalSeenBy(deps, existingProposal(state), input.by);
}
