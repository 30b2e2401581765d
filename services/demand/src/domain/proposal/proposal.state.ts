import type { ProposalContent, ProposalEvent, ProposalKind } from './proposal.events';

export type ProposalStatus = 'submitted' | 'shortlisted' | 'adopted' | 'rejected' | 'withdrawn';

export type Proposal =
  | { readonly status: 'none' }
  | {
      readonly status: ProposalStatus;
      readonly proposalId: string;
      readonly demandId: string;
      readonly subProblemId?: string;
      readonly kind: ProposalKind;
      readonly expertId: string;
      readonly coAuthorIds: readonly string[];
      readonly organisationId: string;
      readonly content: ProposalContent;
      readonly contentHash: string;
      readonly submittedAt: string;
      /** Once the enterprise has read it, the expert can no longer edit it. */
      readonly opened: boolean;
    };

export type ExistingProposal = Exclude<Proposal, { status: 'none' }>;
export const initialState: Proposal = { status: 'none' };

export const evolve = (s: Proposal, e: ProposalEvent): Proposal => {
  if (e.type === 'ClueSubmitted' || e.type === 'PlanSubmitted') {
    const { proposalId, demandId, subProblemId, expertId, coAuthorIds, organisationId, content, contentHash, submittedAt } = e.data;
    const kind = e.type === 'ClueSubmitted' ? 'clue' : 'plan';
    return { status: 'submitted', proposalId, demandId, ...(subProblemId ? { subProblemId } : {}), kind, expertId, coAuthorIds, organisationId, content, contentHash, submittedAt, opened: false };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'ProposalEdited':
      return { ...s, content: e.data.content, contentHash: e.data.contentHash };
    case 'ProposalOpened':
      return { ...s, opened: true };
    case 'ProposalWithdrawn':
      return { ...s, status: 'withdrawn' };
    case 'PlanShortlisted':
      return { ...s, status: 'shortlisted', opened: true };
    case 'PlanAdopted':
      return { ...s, status: 'adopted', opened: true };
    case 'ProposalRejected':
      return { ...s, status: 'rejected', opened: true };
    default:
      return s;
  }
};
