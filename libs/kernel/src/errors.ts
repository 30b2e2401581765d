/**
 * The error family domain and application code throws. Plain TypeScript (no Nest import) so
 * deciders can throw them; the problem filter maps each kind to its HTTP status. `code` is a stable,
 * dotted, upper-case identifier clients may branch on (e.g. `POINTS.INSUFFICIENT`); messages may change.
 */
export interface FieldProblem {
  /** Dotted path of the offending field (`address.city`, `items.0.qty`), or a header name. */
  field: string;
  reason: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;

  protected constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  constructor(code: string, message: string, readonly fields: readonly FieldProblem[] = []) {
    super(code, message);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  constructor(code = 'AUTH.UNAUTHENTICATED', message = 'A valid bearer token is required') {
    super(code, message);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(code = 'AUTH.FORBIDDEN', message = 'This action is not allowed for the caller') {
    super(code, message);
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/**
 * The request is well-formed but the current state forbids it: 409, or 422 when the caller asks so.
 * `fields` names the parts of the request the state refuses (a reference to something unknown here).
 */
export class IllegalStateError extends DomainError {
  readonly status: 409 | 422;
  readonly fields: readonly FieldProblem[];
  constructor(code: string, message: string, options: { status?: 409 | 422; fields?: readonly FieldProblem[] } = {}) {
    super(code, message);
    this.status = options.status ?? 409;
    this.fields = options.fields ?? [];
  }
}

/**
 * An optimistic-concurrency conflict (expected revision did not match). Command handlers retry it;
 * when it reaches HTTP it is 409, or 412 if the caller sent If-Match (its precondition failed).
 */
export class ConcurrencyError extends DomainError {
  readonly status = 409;
  constructor(message = 'The resource was changed concurrently; reload and retry', options?: { cause?: unknown }) {
    super('CONCURRENCY.CONFLICT', message, options);
  }
}

/** The caller sent more than its share; `retryAfterSeconds` says when to come back (Retry-After). */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number, message = 'Too many requests; retry later') {
    super('RATE.LIMITED', message);
  }
}
