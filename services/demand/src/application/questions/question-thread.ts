import type { Principal } from '@hope/kernel';
import { showsSeeker } from '../../domain/demand/demand.visibility';
import { ProposalNotFound } from '../../domain/proposal/proposal.decide';
import type { ExistingProposal } from '../../domain/proposal/proposal.state';
import { mayRead, type ProposalParties, type Question } from '../../domain/questions/questions.decide';
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

/** Who asked, as the authors see it on an anonymous demand: the asker's user id would name the seeker. */
export const ANONYMOUS_ASKER = 'seeker';

/** The questions as this viewer may see them: on an anonymous demand, experts do not learn who asked. */
export async function questionsSeenBy(deps: Pick<ProposalDeps, 'demands'>, parties: ProposalParties, questions: readonly Question[], viewer: Principal): Promise<Question[]> {
  if (viewer.role !== 'expert') return [...questions];
  const d = await deps.demands.load(parties.demandId);
  if (d.status !== 'none' && showsSeeker(d, viewer)) return [...questions];
  return questions.map((q) => ({ ...q, askedBy: ANONYMOUS_ASKER }));
}

/** A proposal's questions and answers, oldest first: the seeker, the authors, staff. */
export async function readThread(deps: Pick<ProposalDeps, 'proposals' | 'questionThreads' | 'demands'>, input: { proposalId: string; by: Principal }) {
  const parties = await threadParties(deps, input.proposalId, input.by);
  return { proposalId: input.proposalId, items: await questionsSeenBy(deps, parties, (await deps.questionThreads.load(input.proposalId)).questions, input.by) };
}
