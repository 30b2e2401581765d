/**
 * An HTTP call from the CLI to a running service, whose failure says what failed: the URL, the cause
 * (refused, unknown host, timeout, bad URL) and what to check. `fetch` alone says "fetch failed".
 */
export interface Reach {
  readonly method: 'GET' | 'POST';
  readonly token?: string;
  /** Give up after this long (the whole call, answer included). */
  readonly timeoutMs: number;
}

const HINTS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (ECONNREFUSED): is the service running, and are the host and port in --url right?',
  ENOTFOUND: 'unknown host (ENOTFOUND): check the host name in --url',
  EAI_AGAIN: 'the host name could not be resolved now (EAI_AGAIN): check DNS and the host in --url',
  ECONNRESET: 'the connection was reset (ECONNRESET): is --url the service (http://, not https://, or the other way round)?',
  EHOSTUNREACH: 'no route to the host (EHOSTUNREACH): check the network and the host in --url',
  UND_ERR_CONNECT_TIMEOUT: 'no connection within the connect timeout: is the host reachable (firewall, VPN), and the port right?',
};

/** `base` is the user's --url, `path` the route under it. */
export async function reach(base: string, path: string, o: Reach): Promise<Response> {
  let root: URL | undefined;
  try {
    root = new URL(base);
  } catch {
    // reported below
  }
  if (!root || (root.protocol !== 'http:' && root.protocol !== 'https:')) {
    throw new Error(`--url ${base} is not an http(s) URL: give the scheme, host and port, e.g. http://localhost:3004`);
  }
  const target = new URL(`${base.replace(/\/$/, '')}${path}`);
  try {
    return await fetch(target, { method: o.method, headers: o.token ? { authorization: `Bearer ${o.token}` } : {}, signal: AbortSignal.timeout(o.timeoutMs) });
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') {
      throw new Error(`no answer from ${target.origin} within ${o.timeoutMs / 1000} s (timeout): is the service up and not overloaded? (--timeout sets the limit)`);
    }
    const code = e.cause?.code;
    const why = (code && HINTS[code]) ?? `${code ?? e.cause?.message ?? String(error)}: check --url (scheme, host, port) and that the service is running`;
    throw new Error(`cannot reach ${target.origin} (${o.method} ${target.pathname}): ${why}`);
  }
}

/** What an error status most likely means for an ops call. */
export function statusHint(status: number): string {
  if (status === 401) return ' (the token was refused: an operator token for this deployment, --token or HOPE_TOKEN)';
  if (status === 403) return ' (the token is not an operator\'s)';
  if (status === 404) return ' (not found: check the name, and that --url is the service itself)';
  return '';
}
