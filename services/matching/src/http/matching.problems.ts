import type { ProblemSpec } from '@hope/platform';

// The domain problems matching's operations answer, each with the detail the code writes (an example
// of it): the named examples of the OpenAPI document, so a client can branch on the code and the e2e
// harnesses can tell a documented answer from drift (docs/decisions/0034-problems-documented-are-answered.md).
// An operation lists only the ones its handler can reach past the role guard.

// Experts
export const EXPERT_NOT_FOUND: ProblemSpec = { status: 404, code: 'EXPERT.NOT_FOUND', detail: 'No expert alice' };
export const EXPERT_NOT_YOURS = (what: string): ProblemSpec => ({ status: 403, code: 'EXPERT.NOT_YOURS', detail: `Only the expert or an operator may ${what} expert alice` });
export const EXPERT_NOT_SELF = (what: string): ProblemSpec => ({ status: 403, code: 'EXPERT.NOT_YOURS', detail: `Only the expert may ${what}` });
export const EXPERT_FORGOTTEN: ProblemSpec = { status: 409, code: 'EXPERT.FORGOTTEN', detail: 'Expert alice asked to be forgotten; nothing more is recorded for them' };
export const EXPERT_ALREADY_JOINED: ProblemSpec = { status: 409, code: 'EXPERT.ALREADY_JOINED', detail: 'Expert alice has already joined' };
export const EXPERT_INVALID_PROFILE: ProblemSpec = {
  status: 400,
  code: 'EXPERT.INVALID_PROFILE',
  detail: 'The profile is invalid',
  fields: [{ field: 'skills.0.lastPractised', reason: 'must not be in the future' }],
};
export const EXPERT_ALREADY_CORE: ProblemSpec = { status: 422, code: 'EXPERT.ALREADY_CORE', detail: 'Expert alice is already core' };
export const EXPERT_INVALID_RESTRICTION: ProblemSpec = {
  status: 400,
  code: 'EXPERT.INVALID_RESTRICTION',
  detail: 'The restriction is invalid',
  fields: [{ field: 'organisationIds', reason: 'must name at least one organisation' }],
};
export const EXPERT_RESTRICTION_NOT_FOUND: ProblemSpec = { status: 404, code: 'EXPERT.RESTRICTION_NOT_FOUND', detail: 'Expert alice has no restriction r-1' };

// Certification (core users apply, operators review and decide)
export const CERTIFICATION_NOT_CORE: ProblemSpec = { status: 422, code: 'CERTIFICATION.NOT_CORE', detail: 'Only core users may apply; expert alice is interest' };
export const CERTIFICATION_PENDING: ProblemSpec = { status: 422, code: 'CERTIFICATION.PENDING', detail: 'Expert alice already has an application applied' };
export const CERTIFICATION_NOT_APPLIED: ProblemSpec = { status: 422, code: 'CERTIFICATION.NOT_APPLIED', detail: 'Expert alice has no application waiting for review' };
export const CERTIFICATION_NOT_IN_REVIEW: ProblemSpec = { status: 422, code: 'CERTIFICATION.NOT_IN_REVIEW', detail: "Expert alice's application is not in review" };
export const CERTIFICATION_REASON_REQUIRED: ProblemSpec = { status: 400, code: 'CERTIFICATION.REASON_REQUIRED', detail: 'A refusal needs a reason', fields: [{ field: 'reason', reason: 'must not be empty' }] };

// Compliance
export const TERMS_NOT_CURRENT: ProblemSpec = { status: 422, code: 'TERMS.NOT_CURRENT', detail: 'Terms 2025-01 are not the current terms (2026-01)' };
export const TERMS_VERSION_EXISTS: ProblemSpec = { status: 409, code: 'TERMS.VERSION_EXISTS', detail: 'Terms 2026-01 were already published' };
export const CONFLICT_CHECK_NOT_YOURS: ProblemSpec = { status: 403, code: 'CONFLICT_CHECK.NOT_YOURS', detail: 'An enterprise checks conflicts for its own organisation only' };

// Invitations (expert to expert)
export const INVITATION_NOT_FOUND: ProblemSpec = { status: 404, code: 'INVITATION.NOT_FOUND', detail: 'No invitation 5b3e1f0a-8c2d-4e6f-9a7b-1c2d3e4f5a6b' };
export const INVITATION_NOT_A_MEMBER: ProblemSpec = { status: 403, code: 'INVITATION.NOT_A_MEMBER', detail: 'Only experts who joined may invite' };
export const INVITATION_SELF_INVITE: ProblemSpec = { status: 422, code: 'INVITATION.SELF_INVITE', detail: 'An expert cannot invite themself' };
/** Joining with an `invitationCode` that names no invitation (in the body: the field is wrong, not a resource missing). */
export const INVITATION_UNKNOWN_CODE: ProblemSpec = {
  status: 422,
  code: 'INVITATION.UNKNOWN_CODE',
  detail: 'No invitation 5b3e1f0a-8c2d-4e6f-9a7b-1c2d3e4f5a6b',
  fields: [{ field: 'invitationCode', reason: 'is not the code of an invitation' }],
};
export const INVITATION_USED: ProblemSpec = { status: 409, code: 'INVITATION.USED', detail: 'Invitation 5b3e1f0a-8c2d-4e6f-9a7b-1c2d3e4f5a6b was already used' };

// Demands as matching knows them (their matches, funnel, resources, evaluations)
export const DEMAND_NOT_FOUND: ProblemSpec = { status: 404, code: 'DEMAND.NOT_FOUND', detail: 'Matching knows no published demand dem-7' };
/** An expert may record a view only of a demand they were matched with or invited to: others are told it does not exist. */
export const DEMAND_NOT_FOUND_TO_VIEWER: ProblemSpec = { status: 404, code: 'DEMAND.NOT_FOUND', detail: 'No demand dem-7' };
const demandNotYours = (detail: string): ProblemSpec => ({ status: 403, code: 'DEMAND.NOT_YOURS', detail });
export const DEMAND_NOT_YOURS = demandNotYours('Only members of organisation org-haier and staff see the evaluations for demand dem-7');
export const DEMAND_NOT_YOURS_EVALUATE = demandNotYours('Only members of organisation org-haier and operators evaluate for demand dem-7');
export const DEMAND_RESOURCES_NOT_YOURS = demandNotYours('Only members of the organisation that published demand dem-7 or staff see its resource matches');
export const DEMAND_ATTACH_NOT_YOURS = demandNotYours('Only members of organisation org-haier or staff attach resources to demand dem-7');
export const MATCHES_NOT_FOUND: ProblemSpec = { status: 404, code: 'MATCHES.NOT_FOUND', detail: 'No matches recorded for demand dem-7' };
export const MATCHES_NOT_FOUND_RESOURCES: ProblemSpec = { status: 404, code: 'MATCHES.NOT_FOUND', detail: 'No resources matched with demand dem-7' };
export const MATCHES_NOT_YOUR_DEMAND = (act: string): ProblemSpec => ({ status: 403, code: 'MATCHES.NOT_YOUR_DEMAND', detail: `Only the organisation that owns demand dem-7 and staff may ${act}` });
export const MATCHES_NOT_MATCHED: ProblemSpec = {
  status: 422,
  code: 'MATCHES.NOT_MATCHED',
  detail: 'Expert alice is not among the experts matched with demand dem-7: only matched experts may be invited',
};
export const FUNNEL_NOT_YOURS: ProblemSpec = { status: 403, code: 'FUNNEL.NOT_YOURS', detail: 'An expert sees only their own funnel' };
export const EVALUATION_UNKNOWN_TARGET: ProblemSpec = {
  status: 422,
  code: 'EVALUATION.UNKNOWN_TARGET',
  detail: 'No proposal p-9 for demand dem-7',
  fields: [{ field: 'target.id', reason: 'is not a proposal of this demand' }],
};
export const EVALUATION_CLOSED_TARGET: ProblemSpec = {
  status: 422,
  code: 'EVALUATION.CLOSED_TARGET',
  detail: 'Proposal p-9 was withdrawn or rejected',
  fields: [{ field: 'target.id', reason: 'was withdrawn or rejected' }],
};

// The inbox
export const INBOX_ITEM_NOT_FOUND: ProblemSpec = { status: 404, code: 'INBOX.ITEM_NOT_FOUND', detail: 'No item 48d737cb-2edd-5393-a18b-3804628ac37e in your inbox' };

// Resources
export const RESOURCE_NOT_FOUND: ProblemSpec = { status: 404, code: 'RESOURCE.NOT_FOUND', detail: 'No resource f0f2e941-fc28-5e89-a877-2827babacb88' };
export const RESOURCE_NOT_YOURS: ProblemSpec = {
  status: 403,
  code: 'RESOURCE.NOT_YOURS',
  detail: 'Only members of organisation org-haier or staff may change resource f0f2e941-fc28-5e89-a877-2827babacb88',
};
export const RESOURCE_READ_NOT_YOURS: ProblemSpec = { status: 403, code: 'RESOURCE.NOT_YOURS', detail: 'Only members of organisation org-haier or staff read its enquiries' };
export const RESOURCE_WITHDRAWN: ProblemSpec = { status: 409, code: 'RESOURCE.WITHDRAWN', detail: 'Resource f0f2e941-fc28-5e89-a877-2827babacb88 was withdrawn' };
export const RESOURCE_TITLE_REQUIRED: ProblemSpec = {
  status: 400,
  code: 'RESOURCE.TITLE_REQUIRED',
  detail: 'A resource needs a title in Chinese or English',
  fields: [{ field: 'title', reason: 'needs zh or en' }],
};
export const RESOURCE_OWNER_REQUIRED: ProblemSpec = {
  status: 400,
  code: 'RESOURCE.OWNER_REQUIRED',
  detail: 'Staff name the owning organisation',
  fields: [{ field: 'ownerOrganisationId', reason: 'is required for staff' }],
};
export const RESOURCE_NOT_ACTIVE: ProblemSpec = {
  status: 422,
  code: 'RESOURCE.NOT_ACTIVE',
  detail: 'Resource f0f2e941-fc28-5e89-a877-2827babacb88 does not exist or was withdrawn',
  fields: [{ field: 'resourceId', reason: 'is not an active resource' }],
};

// Bulk imports (refused before a row is read)
export const IMPORT_CONTENT_TYPE: ProblemSpec = {
  status: 400,
  code: 'IMPORT.CONTENT_TYPE',
  detail: 'The body must be JSON lines',
  fields: [{ field: 'content-type', reason: 'must be application/x-ndjson (one JSON object per line)' }],
};
export const IMPORT_FORMAT: ProblemSpec = {
  status: 400,
  code: 'IMPORT.FORMAT',
  detail: 'Send the file as application/x-ndjson or text/csv (or name ?format=)',
  fields: [{ field: 'content-type', reason: 'must be application/x-ndjson or text/csv' }],
};
export const IMPORT_NOT_YOURS: ProblemSpec = { status: 403, code: 'RESOURCE.NOT_YOURS', detail: 'You import only for organisation org-haier' };
