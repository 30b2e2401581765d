import type { ProblemSpec } from '@hope/platform';

// The domain problems the interview operations answer, each with the detail the code writes (an
// example of it): the named examples of the OpenAPI document (docs/decisions/0034-problems-documented-are-answered.md).

const ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export const NOT_FOUND: ProblemSpec = { status: 404, code: 'INTERVIEW.NOT_FOUND', detail: `No interview ${ID}` };
export const NOT_A_PARTY: ProblemSpec = { status: 403, code: 'CONSULTING.NOT_A_PARTY', detail: 'Only a party to this booking (or an operator) may accept' };
export const WRONG_STATUS: ProblemSpec = { status: 409, code: 'INTERVIEW.WRONG_STATUS', detail: 'Cannot accept an interview that is confirmed' };
export const EXPIRED: ProblemSpec = { status: 409, code: 'INTERVIEW.EXPIRED', detail: 'The request expired at 2030-03-06T08:00:00.000Z' };
export const SLOT_TAKEN: ProblemSpec = { status: 409, code: 'INTERVIEW.SLOT_TAKEN', detail: 'The expert already has a call from 2030-03-01T09:00:00Z to 2030-03-01T10:00:00Z' };
export const NOT_STARTED: ProblemSpec = { status: 409, code: 'INTERVIEW.NOT_STARTED', detail: 'The call starts at 2030-03-05T09:00:00.000Z' };
export const INVALID = (field: string, reason: string): ProblemSpec => ({ status: 400, code: 'REQUEST.INVALID', detail: `${field} ${reason}`, fields: [{ field, reason }] });
export const OUTSIDE_AVAILABILITY: ProblemSpec = {
  status: 400,
  code: 'INTERVIEW.OUTSIDE_AVAILABILITY',
  detail: "2030-03-01T22:00:00.000Z to 2030-03-01T23:00:00.000Z is outside the expert's availability (Asia/Shanghai)",
  fields: [{ field: 'slots.0', reason: "must lie within the expert's published availability" }],
};
export const BEYOND_POINTS_HOLD: ProblemSpec = {
  status: 400,
  code: 'INTERVIEW.BEYOND_POINTS_HOLD',
  detail: 'A call paid by points must end by 2030-04-01T08:00:00.000Z: points holds a reservation at most 180 days, until 168 h after the call',
  fields: [{ field: 'slots.0', reason: 'a call paid by points must end within 180 days minus 168 h from now' }],
};
export const UNKNOWN_EXPERT: ProblemSpec = {
  status: 422,
  code: 'CONSULTING.UNKNOWN_EXPERT',
  detail: 'Unknown expertId: is not an expert consulting knows',
  fields: [{ field: 'expertId', reason: 'is not an expert consulting knows' }],
};
export const OTHER_TENANT: ProblemSpec = { status: 403, code: 'CONSULTING.OTHER_TENANT', detail: 'An enterprise books for its own organisation only' };
export const CONFLICT_CHECK_FAILED: ProblemSpec = { status: 422, code: 'INTERVIEW.CONFLICT_CHECK_FAILED', detail: 'The call cannot be confirmed: matching did not clear the expert (employer restriction)' };
export const EXPERT_NOT_REGISTERED: ProblemSpec = { status: 422, code: 'INTERVIEW.EXPERT_NOT_REGISTERED', detail: 'The call cannot be confirmed: matching has no expert host-1 to check' };
export const CONFLICT_CHECK_UNAVAILABLE: ProblemSpec = {
  status: 503,
  code: 'INTERVIEW.CONFLICT_CHECK_UNAVAILABLE',
  detail: `The call is not confirmed: matching's conflict check could not be obtained (connect ECONNREFUSED). Retry with POST /interviews/${ID}/conflict-check.`,
};
/** The gate's answers: the attestation (or a retried check) runs matching's conflict check. */
export const GATE: ProblemSpec[] = [CONFLICT_CHECK_FAILED, EXPERT_NOT_REGISTERED, CONFLICT_CHECK_UNAVAILABLE];
