import type { CommandMeta, Principal } from '@hope/kernel';
import type { ProposalCommand } from '../../domain/proposal/proposal.decide';
import { existingProposal } from './existing-proposal';
import type { ProposalDeps } from './proposal.deps';
import { proposalSeenBy, type SeenProposal } from './proposal-view';

/** What the authors (edit, withdraw) or the seeker (reject) do to a proposal without asking the demand. */
export type ProposalChange = Pick<Extract<ProposalCommand, { type: 'EditProposal' | 'WithdrawProposal' | 'RejectProposal' }>, 'type' | 'data'>;

export async function changeProposal(deps: Pick<ProposalDeps, 'proposals' | 'demands' | 'clock'>, input: { proposalId: string; change: ProposalChange; by: Principal }, meta: CommandMeta): Promise<SeenProposal> {
  const command = { ...input.change, metadata: { now: deps.clock.now(), by: input.by } } as ProposalCommand;
  const { state } = await deps.proposals.handle(input.proposalId, command, meta);
  return proposalSeenBy(deps, existingProposal(state), input.by);
}
