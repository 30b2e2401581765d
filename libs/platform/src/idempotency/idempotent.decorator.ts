import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENCY_HEADER, IDEMPOTENT, type IdempotentOptions } from './idempotency.options';

export { IDEMPOTENCY_HEADER, IDEMPOTENT, type IdempotentOptions } from './idempotency.options';

/**
 * Marks a POST that creates or spends something: a retry carrying the same Idempotency-Key gets the
 * first answer back and the handler does not run again. The interceptor is bound here, to the routes
 * that ask for it, not globally: every Nest interceptor wraps its route in rxjs and an async resource,
 * which a route without one does not pay (decision 0058).
 */
export const Idempotent = (options: IdempotentOptions = {}): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: options.required ?? false,
      description: 'Unique per logical operation; a retry with the same key returns the first answer',
    }),
  );
