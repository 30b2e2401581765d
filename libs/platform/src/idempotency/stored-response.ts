/** A response kept for an idempotency key, replayed verbatim for a retry. */
export interface StoredResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Thrown by the idempotency interceptor to short-circuit a retry. Nest's reply path would overwrite
 * the status with the route's default, so the problem filter writes the stored response instead.
 */
export class IdempotentReplay {
  constructor(readonly response: StoredResponse) {}
}
