import type { CommandMeta, Principal } from '@hope/kernel';
import type { ProposalCommand } from '../../domain/proposal/proposal.decide';
import { existingProposal } from './existing-proposal';
import type { ProposalDeps } from './proposal.deps';
import { proposalSeenBy, type SeenProposal } from './proposal-view';

/** What the authors (edit, withdraw) or the seeker (reject) do to a proposal without asking the demand. */
export type ProposalChange = Pick<Extract<ProposalCommand, { type: 'EditProposal' | 'WithdrawProposal' | 'RejectProposal' }>, 'type' | 'data'>;

export async function changeProposal(deps: Pick<ProposalDeps, 'proposals' | 'demands' | 'clock'>, input: { proposalId: string; change: ProposalChange; by: Principal }, meta: CommandMeta): Promise<SeenProposal> {
  const change = input.change.type === 'RejectProposal' && input.by.role === 'expert' ? { ...input.change, data: { ...input.change.data, ...(await needSeeker(deps, input.proposalId)) } } : input.change;
  const command = { ...change, metadata: { now: deps.clock.now(), by: input.by } } as ProposalCommand;
  const { state } = await deps.proposals.handle(input.proposalId, command, meta);
  return proposalSeenBy(deps, existingProposal(state), input.by);
}

/** The expert who asked for the answered demand as a paid need, if it is one: they reject answers as a seeker. */
async function needSeeker(deps: Pick<ProposalDeps, 'proposals' | 'demands'>, proposalId: string): Promise<{ needSeekerId?: string }> {
  const p = await deps.proposals.load(proposalId);
  if (p.status === 'none') return {};
  const demand = await deps.demands.load(p.demandId);
  const expertId = demand.status !== 'none' ? demand.need?.expertId : undefined;
  return expertId !== undefined ? { needSeekerId: expertId } : {};
}
