import type { ProposalRejectionReason } from '@hope/contracts';

export type ProposalKind = 'clue' | 'plan';
export interface ProposalContent {
  readonly title: string;
  readonly body: string;
}

/** Carries the contract's ProposalSubmitted v1 fields (the translator keeps only those) plus our own. */
export interface ProposalSubmittedData {
  proposalId: string;
  demandId: string;
  subProblemId?: string;
  expertId: string;
  coAuthorIds: string[];
  contentHash: string;
  submittedAt: string;
  organisationId: string;
  content: ProposalContent;
}

/** Carries the contract's ProposalDecision v1 fields plus who decided. */
export interface ProposalDecisionData {
  proposalId: string;
  demandId: string;
  expertId: string;
  at: string;
  by: string;
}

export type ProposalEvent =
  | { type: 'ClueSubmitted'; data: ProposalSubmittedData }
  | { type: 'PlanSubmitted'; data: ProposalSubmittedData }
  | { type: 'ProposalEdited'; data: { proposalId: string; content: ProposalContent; contentHash: string; editedAt: string } }
  | { type: 'ProposalOpened'; data: { proposalId: string; openedBy: string; openedAt: string } }
  | { type: 'ProposalWithdrawn'; data: ProposalDecisionData }
  | { type: 'PlanShortlisted'; data: ProposalDecisionData }
  | { type: 'PlanAdopted'; data: ProposalDecisionData }
  | { type: 'ProposalRejected'; data: ProposalDecisionData & { reason: ProposalRejectionReason; note?: string } };
