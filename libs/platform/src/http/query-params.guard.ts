// eslint-disable-next-line no-restricted-imports -- the one place that wraps Nest's Query with our marker
import { Injectable, Query as NestQuery, type CanActivate, type ExecutionContext, type PipeTransform, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../auth/auth.decorators';
import { ValidationError } from '../errors/domain-errors';
import type { PlatformRequest } from './http-types';

/**
 * Unknown query parameters are errors, as unknown body fields are: an operation with a `@Query()`
 * DTO has the validation pipe refuse them, but one without any (`GET /research-groups`, one meeting)
 * ignored whatever came, so `?limit=1` looked honoured and `?status=closed` looked like a filter.
 * Public operations (health, metrics) stay lenient for probes and scrapers.
 */
@Injectable()
export class QueryParamsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<PlatformRequest>();
    const url = req.originalUrl ?? req.url ?? '';
    const q = url.indexOf('?');
    if (q === -1 || q === url.length - 1) return true;
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true) return true;
    if (takesQuery(context)) return true;
    const names = [...new Set(new URLSearchParams(url.slice(q + 1)).keys())];
    if (names.length === 0) return true;
    throw new ValidationError(
      'VALIDATION.FAILED',
      'The request is invalid',
      names.map((name) => ({ field: name, reason: 'is not a query parameter of this operation' })),
    );
  }
}

/** Our marker: the handler (class and method name, as Nest keys its own) takes a query DTO. */
const TAKES_QUERY = 'hope:takesQuery';

/**
 * The query DTO of a handler: Nest's `@Query()` plus our marker, which the guard reads. The guard used
 * to read Nest's private route-argument metadata (a deep import of an internal enum) which an upgrade
 * may rename without a compile error: every query would then be refused, or none checked. Services
 * import this instead of Nest's (the lint rule says so); a handler with Nest's alone fails loudly
 * (its query parameters are refused), never quietly (decision 0057).
 */
export function Query(...pipes: (Type<PipeTransform> | PipeTransform)[]): ParameterDecorator {
  const nest = NestQuery(...pipes);
  return (target, key, index) => {
    if (key !== undefined) Reflect.defineMetadata(TAKES_QUERY, true, target.constructor, key);
    nest(target, key, index);
  };
}

/** The handler has a `@Query()` argument (its DTO, validated and whitelisted by the pipe). */
function takesQuery(context: ExecutionContext): boolean {
  return Reflect.getMetadata(TAKES_QUERY, context.getClass(), context.getHandler().name) === true;
}
