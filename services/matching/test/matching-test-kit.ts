import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Topics, decodeEnvelope, newEnvelope, type EventEnvelope } from '@hope/contracts';
import { toMessage } from '@hope/messaging';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships, type MembershipChange } from '@hope/platform/testing';
import { matchingService } from '@hope/matching';
import { expectContractKept } from '@hope/client/testing';

export const eventually = async (check: () => void | Promise<void>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
};

/**
 * The text of a raw fetch's answer, once it is checked against matching's published document (status
 * documented for the operation, body matching its schema, no undocumented field, problem code
 * documented): a spec's own fetch helper proves the contract like the generated client does.
 */
export const keptText = async (method: string, path: string, r: Response): Promise<string> => {
  const text = await r.text();
  expectContractKept('matching', { method, path }, { status: r.status, contentType: r.headers.get('content-type') ?? '', body: text });
  return text;
};

export type Who = { sub: string; role: 'expert' | 'operator' | 'enterprise' | 'service' | 'analyst'; org?: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
export type Body = any;

/** The matching service alone in embedded mode, with a reader on its topic and HTTP helpers. */
export async function startMatching(prefix: string) {
  const dir = mkdtempSync(joinPath(tmpdir(), prefix));
  const platform: EmbeddedPlatform = await startEmbeddedPlatform({ services: [matchingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  const published: EventEnvelope[] = [];
  const reader = await platform.bus.consume({ groupId: `test-${randomUUID()}`, topics: [Topics.matching], handler: async (m) => void published.push(decodeEnvelope(m.value)) });
  const call = async (method: string, path: string, who: Who, body?: unknown): Promise<{ status: number; body: Body }> => {
    const token = await platform.devIssuer.issue(who);
    const r = await fetch(`${platform.services.get('matching')!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    // Every answer is checked against the published document (status, schema, problem code, no extra field).
    const text = await keptText(method, path, r);
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
  const publishDemandEvent = (type: string, version: number, data: Record<string, unknown>) =>
    platform.bus.publish(Topics.demand, [toMessage(newEnvelope({ type, version, stream: `demand-${String(data.demandId)}`, occurredAt: new Date(), data }))]);
  return {
    dir,
    platform,
    published,
    call,
    publishDemandEvent,
    /** Membership facts as demand publishes them: enterprise callers are refused unless members. */
    memberships: (changes: readonly MembershipChange[]) => grantMemberships(platform, changes),
    join: (sub: string, profile: Record<string, unknown>) => call('POST', '/experts', { sub, role: 'expert' }, { name: sub, ...profile }),
    async stop() {
      await reader.stop();
      await platform.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const operator: Who = { sub: 'op', role: 'operator' };
export const expertWho = (sub: string): Who => ({ sub, role: 'expert' });
