import { WrongExpectedVersion } from '@hope/eventstore';
import { HttpException, HttpStatus } from '@nestjs/common';
import { ConcurrencyError, DomainError, IllegalStateError, TooManyRequestsError, ValidationError, type FieldProblem } from '../errors/domain-errors';
import { UnsupportedMediaTypeError } from './json-body.guard';

/** RFC 9457 problem details, with our `code` and, for validation, the field list. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: FieldProblem[];
  correlationId?: string;
}

export interface ProblemResponse {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True when the cause is ours, not the caller's: log it, hide it. */
  internal: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemContext {
  instance: string;
  /** The request carried If-Match: a concurrency conflict then means its precondition failed. */
  hadIfMatch: boolean;
  correlationId?: string;
}

const problemType = (code: string): string => `urn:hope:problem:${code.toLowerCase()}`;

const statusTitle = (status: number): string => {
  const name = HttpStatus[status] as string | undefined;
  if (name === undefined) return 'Error';
  return name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ');
};

/** Maps anything thrown while serving a request to the answer the client gets. */
export function toProblem(thrown: unknown, ctx: ProblemContext): ProblemResponse {
  let error = thrown;
  const make = (status: number, code: string, detail: string, errors?: FieldProblem[]): ProblemDetails => ({
    type: problemType(code),
    title: statusTitle(status),
    status,
    detail,
    instance: ctx.instance,
    code,
    ...(errors !== undefined ? { errors } : {}),
    ...(ctx.correlationId !== undefined ? { correlationId: ctx.correlationId } : {}),
  });

  // A conflict that outlived handleCommand's retries is the caller's to retry, not a server fault.
  if (error instanceof WrongExpectedVersion) error = new ConcurrencyError(undefined, { cause: error });

  if (error instanceof DomainError) {
    const status = error instanceof ConcurrencyError && ctx.hadIfMatch ? 412 : error.status;
    const fields =
      error instanceof ValidationError || error instanceof UnsupportedMediaTypeError || (error instanceof IllegalStateError && error.fields.length > 0) ? [...error.fields] : undefined;
    const headers: Record<string, string> =
      status === 401 ? { 'WWW-Authenticate': 'Bearer' } : error instanceof TooManyRequestsError ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
    return { problem: make(status, error.code, error.message, fields), headers, internal: false };
  }

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const { detail, fields } = describeHttpException(error);
    const code = status === 400 && fields !== undefined ? 'VALIDATION.FAILED' : httpCode(status, error);
    const internal = status >= 500;
    // Never echo parser internals (or fragments of the body) back: a fixed sentence says enough.
    const shown = internal ? 'An unexpected error occurred' : code === 'REQUEST.MALFORMED_JSON' ? 'The request body is not valid JSON' : detail;
    return {
      problem: make(status, code, shown, fields),
      headers: status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
      internal,
    };
  }

  // Body-parser errors that reach us unmapped (e.g. from middleware outside Nest's router).
  const bodyError = bodyParserStatus(error);
  if (bodyError !== undefined) {
    return { problem: make(bodyError.status, bodyError.code, bodyError.detail), headers: {}, internal: false };
  }

  return { problem: make(500, 'INTERNAL', 'An unexpected error occurred'), headers: {}, internal: true };
}

function httpCode(status: number, error: HttpException): string {
  // Nest maps body-parser's SyntaxError to a BadRequestException whose cause is that SyntaxError.
  if (status === 400 && error.cause instanceof SyntaxError) return 'REQUEST.MALFORMED_JSON';
  if (status === 400 && /JSON/i.test(error.message)) return 'REQUEST.MALFORMED_JSON';
  return `HTTP.${HttpStatus[status] ?? status}`;
}

function describeHttpException(error: HttpException): { detail: string; fields?: FieldProblem[] } {
  const body = error.getResponse();
  if (typeof body === 'string') return { detail: body };
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  // Nest's stock ValidationPipe (if a service used one) puts its messages in an array.
  if (Array.isArray(message)) {
    const fields = message.map((m) => ({ field: String(m).split(' ')[0] ?? '', reason: String(m) }));
    return { detail: 'The request is invalid', fields };
  }
  return { detail: typeof message === 'string' ? message : error.message };
}

function bodyParserStatus(error: unknown): { status: number; code: string; detail: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'REQUEST.MALFORMED_JSON', detail: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: 'REQUEST.TOO_LARGE', detail: 'The request body is too large' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'REQUEST.UNSUPPORTED_ENCODING', detail: 'The request body encoding is not supported' };
    case 'request.aborted':
      return { status: 400, code: 'REQUEST.ABORTED', detail: 'The request was aborted' };
    default: {
      // http-errors style client errors (`expose: true`) from other middleware are the caller's fault too.
      const status = (error as { status?: unknown }).status;
      const expose = (error as { expose?: unknown }).expose;
      if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
        return { status, code: `HTTP.${HttpStatus[status] ?? status}`, detail: statusTitle(status) };
      }
      return undefined;
    }
  }
}
