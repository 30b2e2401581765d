import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/**
 * What follows a request (or a consumed message) through async code: its correlation id, so events
 * appended on its behalf can be stamped, and the logger of the app serving it (several apps share a
 * process in embedded mode, and Nest's static Logger cannot tell them apart).
 */
export interface RequestContext {
  correlationId: string;
  logger?: Logger;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` with a correlation context; message consumers use it to carry the id from event headers. */
export function runWithCorrelation<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Accepts a caller's id only if it is a sane token: it ends up in logs and headers. */
export function acceptCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._:@-]{1,128}$/.test(value) ? value : undefined;
}

export const newCorrelationId = (): string => randomUUID();
