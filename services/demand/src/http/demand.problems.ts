import { BAD_CURSOR_PROBLEM, type ProblemSpec } from '@hope/platform';

// The domain problems demand's operations answer, each with the detail the code writes (an example of
// it): the named examples of the OpenAPI document, so a client can branch on the code and the e2e
// harness can tell a documented answer from drift (docs/decisions/0034-problems-documented-are-answered.md).
// An operation lists only the ones its handler can reach past the role guard.

// Organisations
export const ORGANISATION_NOT_FOUND: ProblemSpec = { status: 404, code: 'ORGANISATION.NOT_FOUND', detail: 'No such organisation' };
export const ORGANISATION_NO_NAME: ProblemSpec = {
  status: 400,
  code: 'ORGANISATION.NO_NAME',
  detail: 'An organisation needs a name in en or zh',
  fields: [{ field: 'name', reason: 'must have an "en" or a "zh" text' }],
};
export const ORGANISATION_ALREADY_EXISTS: ProblemSpec = { status: 409, code: 'ORGANISATION.ALREADY_EXISTS', detail: 'Organisation org-haier exists with another name or kind' };

// Paging: every list's cursor goes through the platform's tagged codec (decision 0057)
export const BAD_CURSOR: ProblemSpec = BAD_CURSOR_PROBLEM;

// Demands
export const DEMAND_NOT_FOUND: ProblemSpec = { status: 404, code: 'DEMAND.NOT_FOUND', detail: 'No such demand' };
export const DEMAND_ILLEGAL_TRANSITION: ProblemSpec = { status: 409, code: 'DEMAND.ILLEGAL_TRANSITION', detail: 'Cannot publish a demand that is draft; only when submitted' };
export const DEMAND_INVALID: ProblemSpec = { status: 400, code: 'DEMAND.INVALID', detail: 'The demand is invalid', fields: [{ field: 'deadline', reason: 'must be in the future' }] };
export const DEMAND_REASON_REQUIRED: ProblemSpec = { status: 400, code: 'DEMAND.REASON_REQUIRED', detail: 'A rejection needs a reason', fields: [{ field: 'reason', reason: 'must not be empty' }] };
export const DEMAND_IP_TERMS_FIXED: ProblemSpec = { status: 422, code: 'DEMAND.IP_TERMS_FIXED', detail: 'IP terms are fixed once a demand is published' };
/** An expert closing a demand that is not their own paid need. */
export const DEMAND_NOT_SEEKER: ProblemSpec = { status: 403, code: 'DEMAND.FORBIDDEN', detail: 'Only enterprise or operator may close a demand (or the expert who asked for it as a paid need)' };
export const DEMAND_CANCEL_NEEDS_OPERATOR: ProblemSpec = { status: 403, code: 'DEMAND.CANCEL_NEEDS_OPERATOR', detail: 'A published demand can only be cancelled by an operator, with a reason' };

// Proposals
export const PROPOSAL_NOT_FOUND: ProblemSpec = { status: 404, code: 'PROPOSAL.NOT_FOUND', detail: 'No such proposal' };
/** An expert deciding on answers to a demand that is not their own paid need. */
export const PROPOSAL_NOT_SEEKER = (what: string): ProblemSpec => ({ status: 403, code: 'PROPOSAL.FORBIDDEN', detail: `Only the seeker may ${what}` });
export const PROPOSAL_ILLEGAL_TRANSITION: ProblemSpec = { status: 409, code: 'PROPOSAL.ILLEGAL_TRANSITION', detail: 'Cannot adopt a proposal that is rejected; only when submitted or shortlisted' };
export const PROPOSAL_DEMAND_NOT_OPEN: ProblemSpec = { status: 409, code: 'PROPOSAL.DEMAND_NOT_OPEN', detail: 'The demand is closed, not open for proposals' };
export const PROPOSAL_DEADLINE_PASSED: ProblemSpec = { status: 409, code: 'PROPOSAL.DEADLINE_PASSED', detail: "The demand's deadline (2030-04-01T00:00:00.000Z) has passed: it takes no more proposals" };
export const PROPOSAL_UNKNOWN_SUB_PROBLEM: ProblemSpec = {
  status: 400,
  code: 'PROPOSAL.UNKNOWN_SUB_PROBLEM',
  detail: 'The demand has no such sub-problem',
  fields: [{ field: 'subProblemId', reason: 'is not one of sp-1, sp-2' }],
};
export const PROPOSAL_NOT_REPRESENTATIVE = (what: 'edit' | 'withdraw'): ProblemSpec => ({ status: 403, code: 'PROPOSAL.NOT_REPRESENTATIVE', detail: `Only the representative may ${what} a proposal` });
export const PROPOSAL_ALREADY_OPENED: ProblemSpec = { status: 409, code: 'PROPOSAL.ALREADY_OPENED', detail: 'The enterprise has opened this proposal: it can no longer be edited' };
export const PROPOSAL_NOT_A_PLAN: ProblemSpec = { status: 422, code: 'PROPOSAL.NOT_A_PLAN', detail: 'Only plans can be shortlisted; this is a clue' };

// Questions on a proposal
export const QUESTION_NOT_FOUND: ProblemSpec = { status: 404, code: 'QUESTION.NOT_FOUND', detail: 'No such question on this proposal' };
export const QUESTION_EMPTY: ProblemSpec = { status: 400, code: 'QUESTION.EMPTY', detail: 'The text is empty', fields: [{ field: 'text', reason: 'must not be blank' }] };
export const QUESTION_PROPOSAL_WITHDRAWN: ProblemSpec = { status: 409, code: 'QUESTION.PROPOSAL_WITHDRAWN', detail: 'The proposal was withdrawn' };

// Needs (an expert's paid demand)
export const NEED_NOT_FOUND: ProblemSpec = { status: 404, code: 'NEED.NOT_FOUND', detail: 'No such need' };
export const NEED_INVALID: ProblemSpec = { status: 400, code: 'NEED.INVALID', detail: 'The need is invalid', fields: [{ field: 'title', reason: 'needs an "en" or a "zh" text' }] };
export const NEED_ILLEGAL_TRANSITION = (what: 'approve' | 'reject'): ProblemSpec => ({ status: 409, code: 'NEED.ILLEGAL_TRANSITION', detail: `Cannot ${what} a need that is ${what === 'approve' ? 'rejected' : 'capturing'}` });
export const NEED_REASON_REQUIRED: ProblemSpec = { status: 400, code: 'NEED.REASON_REQUIRED', detail: 'A rejection needs a reason', fields: [{ field: 'reason', reason: 'must not be empty' }] };

// Confidential demands
export const NDA_NOT_CONFIDENTIAL: ProblemSpec = { status: 422, code: 'NDA.NOT_CONFIDENTIAL', detail: 'Only confidential demands take invitations' };
export const INVITATION_ILLEGAL: ProblemSpec = { status: 409, code: 'DEMAND.ILLEGAL_TRANSITION', detail: 'Cannot invite experts to a demand that is closed' };
