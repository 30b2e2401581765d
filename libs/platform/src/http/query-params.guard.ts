import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
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

/** The handler has a `@Query()` argument (its DTO, validated and whitelisted by the pipe). */
function takesQuery(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
}
