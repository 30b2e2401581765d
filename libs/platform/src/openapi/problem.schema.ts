import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * problem+json as every service answers it (RFC 9457, built in http/problem.ts): described once here,
 * referenced by every error response of every document.
 */
export const PROBLEM_SCHEMA_NAME = 'Problem';
export const FIELD_PROBLEM_SCHEMA_NAME = 'FieldProblem';
export const PROBLEM_REF = `#/components/schemas/${PROBLEM_SCHEMA_NAME}`;

export const FIELD_PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'One thing wrong with the request, named by its path in the body, query or path.',
  required: ['field', 'reason'],
  properties: {
    field: { type: 'string', description: 'Dotted path of the field, e.g. `items.0.price`.', example: 'points' },
    reason: { type: 'string', description: 'What is wrong with it.', example: 'must not be less than 1' },
  },
};

export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details, with a stable `code` and, for validation errors, the fields at fault.',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', description: 'A URN naming the kind of problem: `urn:hope:problem:<code, lower case>`.', example: 'urn:hope:problem:validation.failed' },
    title: { type: 'string', description: 'The HTTP status in words.', example: 'Bad request' },
    status: { type: 'integer', description: 'The HTTP status code.', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string', description: 'What went wrong, for a human.', example: 'The request is invalid' },
    instance: { type: 'string', description: 'The path of the request that failed.', example: '/accounts/e-1/redemptions' },
    code: { type: 'string', description: 'Stable machine-readable code: `<AREA>.<REASON>` (e.g. `POINTS.INSUFFICIENT`, `VALIDATION.FAILED`).', example: 'VALIDATION.FAILED' },
    errors: { type: 'array', description: 'Validation errors: one entry per field at fault.', items: { $ref: `#/components/schemas/${FIELD_PROBLEM_SCHEMA_NAME}` } },
    correlationId: { type: 'string', description: 'The `x-correlation-id` of the request, to find it in the logs.', example: '01J9Z8Q4W3E2R1T0Y9U8I7O6P5' },
  },
};

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503;

/** The example each status gets unless an operation names its own code. */
export const PROBLEM_DEFAULTS: Record<ProblemStatus, { description: string; title: string; code: string; detail: string }> = {
  400: { description: 'The request is invalid: `errors` names each field at fault.', title: 'Bad request', code: 'VALIDATION.FAILED', detail: 'The request is invalid' },
  401: { description: 'No valid bearer token.', title: 'Unauthorized', code: 'AUTH.UNAUTHENTICATED', detail: 'A valid bearer token is required' },
  403: { description: 'The caller may not do this (role, membership or ownership).', title: 'Forbidden', code: 'AUTH.FORBIDDEN', detail: 'This action is not allowed for the caller' },
  404: { description: 'Nothing the caller may see has this id.', title: 'Not found', code: 'NOT_FOUND', detail: 'No such resource' },
  // A write the handler's retries could not settle against concurrent ones: any write may answer it.
  409: { description: 'The resource changed concurrently (or is not in a state that allows this): reload and retry.', title: 'Conflict', code: 'CONCURRENCY.CONFLICT', detail: 'The resource was changed concurrently; reload and retry' },
  412: { description: 'The `If-Match` precondition failed: the resource changed meanwhile.', title: 'Precondition failed', code: 'CONCURRENCY.CONFLICT', detail: 'The resource was changed concurrently' },
  413: { description: 'The request body is too large.', title: 'Payload too large', code: 'REQUEST.TOO_LARGE', detail: 'The request body is too large' },
  415: {
    description: 'The body is not `application/json` (`errors` names `content-type`), or not in UTF-8.',
    title: 'Unsupported media type',
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    detail: 'The request body must be application/json',
  },
  422: { description: 'Well-formed, but a business rule refuses it.', title: 'Unprocessable entity', code: 'RULE.REFUSED', detail: 'A business rule refuses this request' },
  429: { description: 'Too many writes by this caller: retry after `Retry-After` seconds.', title: 'Too many requests', code: 'RATE.LIMITED', detail: 'Too many requests; retry later' },
  503: { description: 'A service this operation depends on does not answer; retry later.', title: 'Service unavailable', code: 'SERVICE.UNAVAILABLE', detail: 'A dependency is unavailable' },
};
