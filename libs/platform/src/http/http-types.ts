import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from '@opentelemetry/api';
import type { Principal } from '../auth/principal';

/**
 * The slice of Express' request/response the platform relies on. @types/express is not installed,
 * and depending only on what we use keeps the surface honest.
 */
export interface PlatformRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  path?: string;
  body?: unknown;
  route?: { path?: unknown };
  principal?: Principal;
  correlationId?: string;
  /** The request's trace context (its SERVER span), entered after the body parser. */
  traceContext?: Context;
}

export interface PlatformResponse extends ServerResponse {
  status(code: number): this;
  json(body: unknown): this;
  type(contentType: string): this;
}

export type NextFunction = (err?: unknown) => void;

/** The path without the query string; what problem `instance` and idempotency scopes use. */
export function requestPath(req: PlatformRequest): string {
  const url = req.originalUrl ?? req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
