import { randomUUID } from 'node:crypto';
import createClient, { type Client, type Middleware } from 'openapi-fetch';

/** A bearer token, or a function asked before every request (a token that rotates). */
export type TokenSource = string | (() => string | Promise<string>);

export interface HopeClientOptions {
  /** The service's base URL, e.g. http://127.0.0.1:3004. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`; omitted when undefined (public routes). */
  readonly token?: TokenSource;
  /**
   * Sent as `x-correlation-id`, so the request can be followed through logs and the events it causes.
   * A fixed id (one story), a function, or by default a fresh id per request.
   */
  readonly correlationId?: string | (() => string);
  /** Extra headers on every request. */
  readonly headers?: Record<string, string>;
  /** Another fetch (a test's, a proxy's); defaults to the global one. */
  readonly fetch?: (input: Request) => Promise<Response>;
}

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * A typed client of one service (openapi-fetch over the types generated from its document). The
 * request's own headers win: a call may send another token or correlation id than the client's.
 */
export function hopeClient<Paths extends object>(options: HopeClientOptions): Client<Paths> {
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    ...(options.headers !== undefined ? { headers: options.headers } : {}),
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
  });
  client.use(identify(options));
  return client;
}

function identify(options: HopeClientOptions): Middleware {
  return {
    async onRequest({ request }) {
      if (!request.headers.has('authorization') && options.token !== undefined) {
        const token = typeof options.token === 'function' ? await options.token() : options.token;
        request.headers.set('authorization', `Bearer ${token}`);
      }
      if (!request.headers.has(CORRELATION_HEADER)) {
        const id = options.correlationId === undefined ? randomUUID() : typeof options.correlationId === 'function' ? options.correlationId() : options.correlationId;
        request.headers.set(CORRELATION_HEADER, id);
      }
      return request;
    },
  };
}
