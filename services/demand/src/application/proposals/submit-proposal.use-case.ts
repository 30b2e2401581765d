import type { CommandMeta, Principal } from '@hope/kernel';
import type { ProposalContent, ProposalKind } from '../../domain/proposal/proposal.events';
import { existingDemand, expertAccess, visibleDemand } from '../demands/visible-demand';
import { existingProposal } from './existing-proposal';
import type { ProposalDeps } from './proposal.deps';
import { proposalSeenBy, type SeenProposal } from './proposal-view';

export interface SubmitProposal {
  readonly demandId: string;
  readonly kind: ProposalKind;
  readonly subProblemId?: string;
  readonly coAuthorIds: string[];
  readonly content: ProposalContent;
  readonly by: Principal;
}

/**
 * An expert answers a demand they may see with a clue or a plan; the proposal id is the command id (a
 * retry submits nothing twice). What the decider needs of the demand is read from the demand's stream.
 */
export async function submitProposal(deps: Pick<ProposalDeps, 'demands' | 'ndas' | 'funnels' | 'proposals' | 'clock'>, input: SubmitProposal, meta: CommandMeta): Promise<SeenProposal> {
  const d = await existingDemand(deps, input.demandId);
  visibleDemand(d, input.by, await expertAccess(deps, d, input.by));
  const proposalId = meta.commandId;
  const demand = { status: d.status, organisationId: d.organisationId, subProblemIds: d.content.subProblems.map((s) => s.id), deadline: d.content.deadline };
  const data = { proposalId, kind: input.kind, demandId: input.demandId, ...(input.subProblemId ? { subProblemId: input.subProblemId } : {}), coAuthorIds: input.coAuthorIds, content: input.content, demand };
  const { state } = await deps.proposals.handle(proposalId, { type: 'SubmitProposal', data, metadata: { now: deps.clock.now(), by: input.by } }, meta);
  return proposalSeenBy(deps, existingProposal(state), input.by);
}
