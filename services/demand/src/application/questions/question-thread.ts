import type { Principal } from '@hope/kernel';
import { ProposalNotFound } from '../../domain/proposal/proposal.decide';
import type { ExistingProposal } from '../../domain/proposal/proposal.state';
import { mayRead, type ProposalParties } from '../../domain/questions/questions.decide';
import type { ProposalDeps } from '../proposals/proposal.deps';

export const partiesOf = (p: ExistingProposal): ProposalParties => ({
  proposalId: p.proposalId,
  demandId: p.demandId,
  organisationId: p.organisationId,
  representativeId: p.expertId,
  coAuthorIds: p.coAuthorIds,
  status: p.status,
});

/** The proposal's parties, if this caller is party to its thread (404 otherwise: nothing leaks). */
export async function threadParties(deps: Pick<ProposalDeps, 'proposals'>, proposalId: string, who: Principal): Promise<ProposalParties> {
  const p = await deps.proposals.load(proposalId);
  if (p.status === 'none' || !mayRead(partiesOf(p), who)) throw new ProposalNotFound();
  return partiesOf(p);
}

/** A proposal's questions and answers, oldest first: the seeker, the authors, staff. */
export async function readThread(deps: Pick<ProposalDeps, 'proposals' | 'questionThreads'>, input: { proposalId: string; by: Principal }) {
  await threadParties(deps, input.proposalId, input.by);
  return { proposalId: input.proposalId, items: (await deps.questionThreads.load(input.proposalId)).questions };
}
