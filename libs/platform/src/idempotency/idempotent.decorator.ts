import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const IDEMPOTENT = 'hope:idempotent';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface IdempotentOptions {
  /** Reject requests without the header (400) instead of serving them without deduplication. */
  required?: boolean;
  /** How long the first answer is kept for replay; 24 h by default. */
  ttlMs?: number;
}

/**
 * Marks a POST that creates or spends something: a retry carrying the same Idempotency-Key gets the
 * first answer back and the handler does not run again.
 */
export const Idempotent = (options: IdempotentOptions = {}): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: options.required ?? false,
      description: 'Unique per logical operation; a retry with the same key returns the first answer',
    }),
  );
