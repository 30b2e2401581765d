import type { ServiceName } from '@hope/contracts';
import { DomainError } from '../errors/domain-errors';
import { CORRELATION_HEADER, currentCorrelationId } from '../logging/request-context';
import { IDEMPOTENCY_HEADER } from '../idempotency/idempotency.options';
import { withClientSpan } from '../tracing/client-span';

/** Where another service answers; resolved at call time (embedded mode learns free ports late). */
export type ServiceUrls = (service: ServiceName) => string | undefined;
/** A bearer token with the `service` role for calls between services. */
export type ServiceTokenSource = () => Promise<string>;

/** The other service answered with a problem: its status and code, for the saga to decide on. */
export class RemoteProblemError extends DomainError {
  readonly status: number;
  constructor(readonly service: ServiceName, status: number, readonly remoteCode: string, detail: string) {
    super(remoteCode, `${service} answered ${status} ${remoteCode}: ${detail}`);
    this.status = status >= 500 ? 502 : status;
  }
}

/** The other service could not be reached or kept failing (5xx): try again later. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  constructor(readonly service: ServiceName, reason: string) {
    super('SERVICE.UNAVAILABLE', `${service} is unavailable: ${reason}`);
  }
}

export interface ServiceRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  /** Required for calls that create or spend something: a retry then has one effect. */
  readonly idempotencyKey?: string;
}

/**
 * REST calls between services (queries, and the saga steps that reserve, capture or release): a
 * service token, the caller's correlation id and trace context, an Idempotency-Key, bounded retries for network errors
 * and 5xx (safe because every retried call carries the same key), and problem+json mapped to errors.
 */
export class ServiceClient {
  constructor(
    private readonly urls: ServiceUrls,
    private readonly token: ServiceTokenSource,
    private readonly options: { retries?: number; timeoutMs?: number } = {},
  ) {}

  async call<T>(service: ServiceName, request: ServiceRequest): Promise<T> {
    const base = this.urls(service);
    if (!base) throw new ServiceUnavailableError(service, 'no URL configured');
    if (request.method !== 'GET' && request.idempotencyKey === undefined && request.method === 'POST') {
      throw new Error(`POST ${service}${request.path} between services needs an idempotency key`);
    }
    return withClientSpan(service, request.method, request.path, (traceHeaders) => this.send(service, base, request, traceHeaders));
  }

  private async send<T>(service: ServiceName, base: string, request: ServiceRequest, traceHeaders: Record<string, string>): Promise<T> {
    const retries = this.options.retries ?? 3;
    let lastReason = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      let response: Response;
      try {
        const correlationId = currentCorrelationId();
        response = await fetch(`${base.replace(/\/$/, '')}${request.path}`, {
          method: request.method,
          headers: {
            authorization: `Bearer ${await this.token()}`,
            accept: 'application/json',
            ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(correlationId ? { [CORRELATION_HEADER]: correlationId } : {}),
            ...(request.idempotencyKey ? { [IDEMPOTENCY_HEADER]: request.idempotencyKey } : {}),
            ...traceHeaders,
          },
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        lastReason = error instanceof Error ? error.message : String(error);
        continue;
      }
      const text = await response.text();
      const json = parseBody(text);
      if (response.ok) {
        if (json.kind === 'not-json') {
          lastReason = `${response.status} answered ${response.headers.get('content-type') ?? 'no content type'}, not JSON`;
          continue;
        }
        return json.value as T;
      }
      const problem = (json.kind === 'json' && typeof json.value === 'object' && json.value !== null ? json.value : {}) as { code?: string; detail?: string };
      // Our services answer a refusal with a domain code; a bare route miss (HTTP.NOT_FOUND) from a peer
      // whose routes we know is a routing fault (a replica restarting, a rolling deploy): retried like a 5xx.
      const routeMiss = response.status === 404 && (problem.code === undefined || problem.code === 'HTTP.NOT_FOUND');
      if (response.status >= 500 || routeMiss) {
        lastReason = `${response.status} ${problem.code ?? ''}`;
        continue;
      }
      throw new RemoteProblemError(service, response.status, problem.code ?? `HTTP.${response.status}`, problem.detail ?? text.slice(0, 200));
    }
    throw new ServiceUnavailableError(service, lastReason);
  }
}

/**
 * A peer's body: JSON, nothing, or something else (a proxy's HTML error page, a truncated body). Not
 * JSON is never thrown as a SyntaxError: a 2xx that is not JSON is retried like a 5xx, an error keeps its status.
 */
export function parseBody(text: string): { kind: 'json'; value: unknown } | { kind: 'empty'; value: undefined } | { kind: 'not-json' } {
  if (text.length === 0) return { kind: 'empty', value: undefined };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'not-json' };
  }
}
