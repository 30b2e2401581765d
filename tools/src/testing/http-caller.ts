import type { Caller, DevTokens } from './dev-tokens';

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  // Tests read whatever shape each endpoint answers; their assertions say what it must be.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** One JSON request to a service process as `who`; the body is parsed whatever the status. */
export async function callService(
  tokens: DevTokens,
  baseUrl: string,
  method: string,
  path: string,
  who: Caller,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const r = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokens.token(who)}`, 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text so a failing assertion shows it
  }
  return { status: r.status, contentType: r.headers.get('content-type') ?? '', body: parsed };
}
