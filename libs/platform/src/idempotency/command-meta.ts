import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { deterministicUuid, type CommandMeta as KernelCommandMeta } from '@hope/kernel';
import { requestPath, type PlatformRequest } from '../http/http-types';
import { IDEMPOTENCY_HEADER } from './idempotency.options';

/** The kernel's command metadata; re-exported here so a controller writes `@CommandMeta() meta: CommandMeta`. */
export type CommandMeta = KernelCommandMeta;

/** The request's Idempotency-Key, or undefined when it sent none (the interceptor has validated it). */
export function idempotencyKeyOf(req: PlatformRequest): string | undefined {
  const header = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The command a request carries. With an Idempotency-Key its id follows from (caller, method, path,
 * key), the same scope the response cache uses: the events the command appends are then the key's
 * record, written atomically with the effect, so a retry after a crash, a restart or a lost cache entry
 * is a kernel duplicate answered from the stream. The concrete path (not the route pattern) keeps one
 * key sent to two resources (`/demands/a/proposals`, `/demands/b/proposals`) two commands.
 * Without a key every request is a new command with a random id, as it always was.
 */
export function commandMetaOf(req: PlatformRequest, newId: () => string = randomUUID): CommandMeta {
  const key = idempotencyKeyOf(req);
  const subject = req.principal?.subject ?? 'anonymous';
  const commandId = key === undefined ? newId() : deterministicUuid('http', subject, req.method ?? 'POST', requestPath(req), key);
  return { commandId, ...(req.correlationId ? { correlationId: req.correlationId } : {}) };
}

/** The request's command metadata as a handler parameter (see `commandMetaOf`). */
export const CommandMeta = createParamDecorator((_data: unknown, ctx: ExecutionContext): CommandMeta => commandMetaOf(ctx.switchToHttp().getRequest<PlatformRequest>()));
