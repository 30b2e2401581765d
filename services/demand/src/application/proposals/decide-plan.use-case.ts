import type { CommandMeta, Principal } from '@hope/kernel';
import type { ExistingProposal } from '../../domain/proposal/proposal.state';
import { existingProposal } from './existing-proposal';
import type { ProposalDeps } from './proposal.deps';

/**
 * The seeker shortlists or adopts a plan; the decider needs the answered demand open, so its status (and,
 * for a need, the expert who asked for it) is read from the demand's stream ('none' when the proposal does
 * not exist: the decider answers 404).
 */
export async function decidePlan(deps: Pick<ProposalDeps, 'proposals' | 'demands' | 'clock'>, input: { proposalId: string; decision: 'ShortlistPlan' | 'AdoptPlan'; by: Principal }, meta: CommandMeta): Promise<ExistingProposal> {
  const p = await deps.proposals.load(input.proposalId);
  const demand = p.status === 'none' ? undefined : await deps.demands.load(p.demandId);
  const demandStatus = demand?.status ?? 'none';
  const needSeekerId = demand !== undefined && demand.status !== 'none' ? demand.need?.expertId : undefined;
  const { state } = await deps.proposals.handle(
    input.proposalId,
    { type: input.decision, data: { demandStatus, ...(needSeekerId !== undefined ? { needSeekerId } : {}) }, metadata: { now: deps.clock.now(), by: input.by } },
    meta,
  );
  return existingProposal(state);
}
