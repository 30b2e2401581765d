import { ProposalNotFound } from '../../domain/proposal/proposal.decide';
import type { ExistingProposal, Proposal } from '../../domain/proposal/proposal.state';

/** The proposal, or a 404 when it does not exist. */
export const existingProposal = (p: Proposal): ExistingProposal => {
  if (p.status === 'none') throw new ProposalNotFound();
  return p;
};
