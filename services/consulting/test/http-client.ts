import { consultingClient, type ServiceName } from '@hope/client';
import { contractChecked, expectContractKept } from '@hope/client/testing';
import type { EmbeddedPlatform } from '@hope/platform';

/** A tiny fetch wrapper for the e2e specs: one token per (subject, role, org). */
export const client = (platform: EmbeddedPlatform, service: ServiceName = 'consulting') => {
  const base = platform.services.get(service)!.url;
  const tokens = new Map<string, string>();
  const tokenFor = async (sub: string, role: string, org?: string) => {
    const key = `${sub}|${role}|${org ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, await platform.devIssuer.issue({ sub, role: role as never, ...(org ? { org } : {}) }));
    return tokens.get(key)!;
  };
  const call = async (as: { sub: string; role: string; org?: string }, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenFor(as.sub, as.role, as.org)}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    // Every answer is checked against the service's published document (status, schema, no extra field).
    expectContractKept(service, { method, path }, { status: r.status, contentType: r.headers.get('content-type') ?? '', body: text });
    return { status: r.status, contentType: r.headers.get('content-type') ?? '', // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are checked with matchers
      body: (text ? JSON.parse(text) : undefined) as any };
  };
  /** Consulting's generated client (libs/client) as this caller: the published contract is the one tested. */
  const typed = (as: { sub: string; role: string; org?: string }) => contractChecked('consulting', consultingClient({ baseUrl: base, token: () => tokenFor(as.sub, as.role, as.org) }));
  return { call, typed };
};
