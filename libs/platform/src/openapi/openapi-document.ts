import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { problemResponse, withProblemExamples } from './api-problems.decorator';
import { FIELD_PROBLEM_SCHEMA, FIELD_PROBLEM_SCHEMA_NAME, PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME, type ProblemStatus } from './problem.schema';

/** Set by `@Public()`: the builder turns it into `security: []` and drops it. */
export const PUBLIC_EXTENSION = 'x-hope-public';

export interface OpenApiInfo {
  title: string;
  description: string;
  version: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const WRITES = new Set<string>(['put', 'post', 'delete', 'patch']);

/**
 * The service's OpenAPI document: what its controllers declare, completed with what the platform
 * guarantees for every operation, so a new endpoint cannot forget it: problem+json described once,
 * 401/403 on every secured operation, 400 on every operation that takes input, 404 when the path names
 * a resource (409 too when it writes to it), 429 on secured writes. An operation's own `@ApiProblems`
 * (with its domain codes) wins over these defaults.
 */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(info.title)
      .setDescription(info.description)
      .setVersion(info.version)
      .addServer('/', 'The service itself (each service serves its own document at /docs-json)')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
    // `AccountHttpController_get` reads better as `Account_get` in the generated client.
    { operationIdFactory: (controller, method) => `${controller.replace(/(Http)?Controller$/, '')}_${method}` },
  );
  return completeOpenApiDocument(document);
}

/** The platform's part of every document (pure: exported for tests of the rules themselves). */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA, [FIELD_PROBLEM_SCHEMA_NAME]: FIELD_PROBLEM_SCHEMA };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op !== undefined) completeOperation(op, method, path);
    }
  }
  return document;
}

function completeOperation(op: OperationObject, method: string, path: string): void {
  const extended = op as OperationObject & Record<string, unknown>;
  const isPublic = extended[PUBLIC_EXTENSION] === true;
  delete extended[PUBLIC_EXTENSION];
  if (isPublic) op.security = [];

  const responses = op.responses as Record<string, ResponseObject | ReferenceObject>;
  dropPlaceholderSuccess(responses);
  const add = (status: ProblemStatus) => {
    responses[String(status)] ??= problemResponse(status, [], path);
  };
  // Any operation may be sent a query parameter it does not take (QueryParamsGuard); public ones ignore them.
  if (takesInput(op) || !isPublic) add(400);
  // The body parser's limit: any JSON body may be too large.
  const json = op.requestBody !== undefined && !('$ref' in op.requestBody) && op.requestBody.content['application/json'] !== undefined;
  if (json) add(413);
  // A body that is not JSON is refused unless the operation declares its own type (JsonBodyGuard).
  if (json || (op.requestBody === undefined && WRITES.has(method))) add(415);
  // An id in the path may name nothing the caller may see; a write to an existing resource may find
  // it in a state that refuses it (or changed concurrently past the handler's retries).
  if (hasPathParameter(op)) {
    add(404);
    if (WRITES.has(method)) add(409);
  }
  if (!isPublic) {
    add(401);
    add(403);
    if (WRITES.has(method)) {
      add(429);
      const tooMany = responses['429'] as ResponseObject;
      tooMany.headers ??= { 'Retry-After': { description: 'Seconds until the caller may write again.', schema: { type: 'integer', minimum: 1 } } };
    }
  }
  for (const [status, specs] of platformProblems(op, isPublic)) {
    const response = responses[String(status)];
    if (response === undefined && (status === 409 || status === 422)) responses[String(status)] = problemResponse(status, specs, path);
    else if (response !== undefined && !('$ref' in response)) withProblemExamples(response as ReturnType<typeof problemResponse>, status, specs, path);
  }
  for (const response of Object.values(responses)) {
    if ('description' in response && response.description === '') response.description = 'Done.';
  }
}

type PlatformProblem = { code: string; detail: string; fields?: { field: string; reason: string }[] };

/**
 * The codes the platform itself answers with, beside an operation's own: a JSON body it cannot read
 * (json-shape middleware, body parser), a member the tenancy gate refuses, the Idempotency-Key rules
 * (idempotency.interceptor.ts). Added to the statuses the operation answers already.
 */
function platformProblems(op: OperationObject, isPublic: boolean): [ProblemStatus, PlatformProblem[]][] {
  const header = (op.parameters ?? []).find((p): p is ParameterObject => !('$ref' in p) && p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const json = op.requestBody !== undefined && !('$ref' in op.requestBody) && op.requestBody.content['application/json'] !== undefined;
  const bad: PlatformProblem[] = [
    ...(json
      ? [
          { code: 'REQUEST.MALFORMED_JSON', detail: 'The request body is not valid JSON' },
          { code: 'REQUEST.BODY_NOT_OBJECT', detail: 'The request body must be a JSON object', fields: [{ field: 'body', reason: 'must be a JSON object, got an array' }] },
          { code: 'REQUEST.BODY_TOO_COMPLEX', detail: 'The request body is nested too deeply or holds too many values', fields: [{ field: 'body', reason: 'is nested deeper than 32 levels' }] },
          { code: 'REQUEST.MALFORMED_TEXT', detail: 'The request body holds text that is not well-formed Unicode', fields: [{ field: 'title', reason: 'holds a lone surrogate' }] },
        ]
      : []),
    ...(header !== undefined ? [{ code: 'IDEMPOTENCY.KEY_INVALID', detail: 'The Idempotency-Key header is invalid', fields: [{ field: 'Idempotency-Key', reason: 'must be 1-255 visible ASCII characters' }] }] : []),
    ...(header?.required === true ? [{ code: 'IDEMPOTENCY.KEY_REQUIRED', detail: 'The Idempotency-Key header is required', fields: [{ field: 'Idempotency-Key', reason: 'header is required' }] }] : []),
  ];
  const refused: PlatformProblem[] = isPublic
    ? []
    : [
        { code: 'ORGANISATION.NOT_A_MEMBER', detail: 'You are not a member of organisation org-haier-demo' },
        { code: 'EXPERT.SUBJECT_RESERVED', detail: 'An expert subject may not start with "org:": that names an organisation' },
      ];
  const replay: [ProblemStatus, PlatformProblem[]][] =
    header !== undefined
      ? [
          [409, [{ code: 'IDEMPOTENCY.IN_PROGRESS', detail: 'A request with this Idempotency-Key is still being processed; retry later' }]],
          [422, [{ code: 'IDEMPOTENCY.KEY_REUSED', detail: 'This Idempotency-Key was used with a different request body' }]],
        ]
      : [];
  return [[400, bad], [403, refused], ...replay];
}

/** Nest adds an empty `201` to every POST; when the operation declares its own 2xx, that placeholder only misleads. */
function dropPlaceholderSuccess(responses: Record<string, ResponseObject | ReferenceObject>): void {
  const successes = Object.entries(responses).filter(([s]) => s.startsWith('2'));
  const declared = successes.filter(([, r]) => !isPlaceholder(r));
  if (declared.length === 0) return;
  for (const [status, r] of successes) if (isPlaceholder(r)) delete responses[status];
}

const isPlaceholder = (r: ResponseObject | ReferenceObject): boolean => !('$ref' in r) && r.description === '' && r.content === undefined;

const hasPathParameter = (op: OperationObject): boolean => (op.parameters ?? []).some((p) => !('$ref' in p) && p.in === 'path');

function takesInput(op: OperationObject): boolean {
  if (op.requestBody !== undefined) return true;
  return (op.parameters ?? []).some((p) => '$ref' in p || (p as ParameterObject).in === 'path' || (p as ParameterObject).in === 'query');
}
