import type { CommandMeta, Principal } from '@hope/kernel';
import type { ProposalCommand } from '../../domain/proposal/proposal.decide';
import type { ExistingProposal } from '../../domain/proposal/proposal.state';
import { existingProposal } from './existing-proposal';
import type { ProposalDeps } from './proposal.deps';

/** What the authors (edit, withdraw) or the seeker (reject) do to a proposal without asking the demand. */
export type ProposalChange = Pick<Extract<ProposalCommand, { type: 'EditProposal' | 'WithdrawProposal' | 'RejectProposal' }>, 'type' | 'data'>;

export async function changeProposal(deps: Pick<ProposalDeps, 'proposals' | 'clock'>, input: { proposalId: string; change: ProposalChange; by: Principal }, meta: CommandMeta): Promise<ExistingProposal> {
  const command = { ...input.change, metadata: { now: deps.clock.now(), by: input.by } } as ProposalCommand;
  const { state } = await deps.proposals.handle(input.proposalId, command, meta);
  return existingProposal(state);
}
