export const IDEMPOTENT = 'hope:idempotent';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface IdempotentOptions {
  /** Reject requests without the header (400) instead of serving them without deduplication. */
  required?: boolean;
  /** How long the first answer is kept for replay; 24 h by default. */
  ttlMs?: number;
}
