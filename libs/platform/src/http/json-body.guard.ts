import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { DomainError, type FieldProblem } from '../errors/domain-errors';
import type { PlatformRequest } from './http-types';

/** A body the operation cannot read: 415 with the header named, so the caller knows what to change. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly fields: readonly FieldProblem[];
  constructor(got: string) {
    super('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json');
    this.fields = [{ field: 'content-type', reason: `must be application/json, got ${got === '' ? 'none' : JSON.stringify(got)}` }];
  }
}

/**
 * Only `application/json` bodies are parsed; any other body used to be dropped unread, so
 * `{"note":"hello"}` sent as text/plain answered 202 without its note, and an XML demand a list of
 * "missing" fields. An operation that reads another type says so with `@ApiConsumes` (the imports
 * stream x-ndjson and CSV and check it themselves); every other one refuses a body it cannot read.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<PlatformRequest>();
    if (!carriesBody(req)) return true;
    const type = mediaType(req.headers['content-type']);
    if (type === 'application/json') return true;
    const consumes = this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]);
    if (consumes !== undefined && consumes.length > 0) return true;
    throw new UnsupportedMediaTypeError(type);
  }
}

/** A body with content: a length above zero, or chunks (no length known up front). */
function carriesBody(req: PlatformRequest): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

const mediaType = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();
