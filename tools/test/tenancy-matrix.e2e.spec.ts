import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { resolve, sampleOf, type OpenApiDocument, type Operation } from '../src/testing/fuzz/openapi-samples';

/**
 * Cross-tenant matrix, generated from every service's OpenAPI: each operation that names an
 * organisation or an account / expert / interview / booking / group / reservation (in its path, query
 * or body) is tried by four attackers against org-a's and expert exp-1's things. Each answer must be a
 * 403 or 404 and nothing may be written to any store. Bodies are well-formed samples of the documented
 * schema with the victim's ids put in, so a refusal is about who asks, not about the input.
 */
type Who = { sub: string; role: 'enterprise' | 'expert' | 'operator'; org?: string };
type Attacker = { name: string; who: Who; targets: 'organisation' | 'expert' | 'all' };

const operator: Who = { sub: 'matrix-op', role: 'operator' };
const alice: Who = { sub: 'alice-a', role: 'enterprise', org: 'org-a' };
const bob: Who = { sub: 'bob-b', role: 'enterprise', org: 'org-b' };
const victimExpert: Who = { sub: 'exp-1', role: 'expert' };

const ATTACKERS: Attacker[] = [
  // A token claiming org-a for a subject demand never made its member.
  { name: 'non-member with a forged org claim', who: { sub: 'mallory', role: 'enterprise', org: 'org-a' }, targets: 'all' },
  // A real member, of org-b, reaching for org-a's things.
  { name: 'member of another organisation', who: bob, targets: 'organisation' },
  // An expert reaching for another expert's account, calls and groups.
  { name: 'expert acting as another expert', who: { sub: 'exp-2', role: 'expert' }, targets: 'expert' },
  // A subject chosen to look like org-a's points account.
  { name: 'expert whose subject is org:<org>', who: { sub: 'org:org-a', role: 'expert' }, targets: 'all' },
];

const ORGANISATION_PARAMS = ['organisationId', 'interviewId', 'bookingId', 'groupId', 'reservationId'];
const EXPERT_PARAMS = ['expertId', 'accountId', 'interviewId', 'bookingId', 'groupId', 'reservationId', 'payerId', 'leadExpertId'];
const TENANT_PARAMS = new Set([...ORGANISATION_PARAMS, ...EXPERT_PARAMS]);

/**
 * Operations that are open by design to the attacker kind that reaches them, each with the reason;
 * they are still tried (and must write nothing that a member could not), but a 2xx is not a breach.
 */
const OPEN_BY_DESIGN: Record<string, string> = {
  'expert acting as another expert|matching GET /experts/{expertId}': "an expert's public profile is the directory every party browses",
  'expert acting as another expert|consulting GET /experts/{expertId}/free-slots': 'an expert may book a peer, so sees when the peer is free',
  'expert acting as another expert|consulting GET /experts/{expertId}/availability': "an expert's published weekly slots are for every caller who might book",
  'expert acting as another expert|consulting POST /interviews': 'an expert may book a call with a peer (paid from their own account)',
  'member of another organisation|consulting POST /interviews': 'any member may book a call with an expert for its own organisation',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const FUTURE = new Date(Date.now() + 20 * 86_400_000).toISOString();
const LATER = new Date(Date.now() + 50 * 86_400_000).toISOString();

describe('tenancy matrix: every operation naming a tenant, tried across tenants', () => {
  jest.setTimeout(600_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  const ids: Record<string, string> = {};

  const call = async (service: string, method: string, path: string, who: Who, body?: unknown) => {
    const token = await platform.devIssuer.issue({ sub: who.sub, role: who.role, ...(who.org ? { org: who.org } : {}) });
    const r = await fetch(`${platform.services.get(service)!.url}${path}`, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked by status and chosen fields
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const must = async (what: string, p: ReturnType<typeof call>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; !(await check()); i++) {
      if (i > 300) throw new Error(`${what}: never`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** Last position of each store: a request that wrote anything moves one. */
  const positions = async () => {
    const out: string[] = [];
    for (const [name, store] of platform.stores) {
      let last = 'none';
      for await (const e of store.readAll({ direction: 'backwards', maxCount: 1 })) last = JSON.stringify(e.position, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
      out.push(`${name}:${last}`);
    }
    return out.join(' ');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-tenancy-matrix-'));
    platform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0' } });

    // Two organisations with a member each, through demand (which publishes the membership).
    for (const [org, member] of [['org-a', alice], ['org-b', bob]] as const) {
      await must('organisation', call('demand', 'POST', '/organisations', operator, { organisationId: org, name: { en: org }, kind: 'client' }));
      await must('member', call('demand', 'PUT', `/organisations/${org}/members/${member.sub}`, operator));
    }
    // Points, consulting and matching learn it from the bus.
    for (const [service, path] of [['points', '/accounts/org:org-a'], ['consulting', '/interviews?limit=1'], ['matching', '/experts/none/conflict-check?organisationId=org-a']] as const) {
      await until(`${service} learns alice's membership`, async () => (await call(service, 'GET', path, alice)).status !== 403);
    }

    // Experts, points on the organisations' and the expert's accounts.
    for (const sub of ['exp-1', 'exp-2']) await must('join', call('matching', 'POST', '/experts', { sub, role: 'expert' }, { name: sub }));
    for (const account of ['org:org-a', 'org:org-b', 'exp-1', 'exp-2']) {
      await must('grant', call('points', 'POST', `/accounts/${account}/adjustments`, operator, { adjustmentId: randomUUID(), points: 1000, reason: 'matrix world' }));
    }
    ids.reservationId = (await must('reservation', call('points', 'POST', '/accounts/org:org-a/redemptions', alice, { itemId: 'publish-need' }))).reservationId;

    // An interview org-a books with exp-1, and org-a's research group led by exp-1.
    const allWeek = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, from: '00:00', to: '23:30' }));
    await must('availability', call('consulting', 'PUT', '/experts/exp-1/availability', victimExpert, { timeZone: 'UTC', weekly: allWeek }));
    const day = new Date(Date.now() + 5 * 86_400_000);
    day.setUTCHours(10, 0, 0, 0);
    ids.interviewId = (await must('interview', call('consulting', 'POST', '/interviews', alice, { expertId: 'exp-1', topic: 'matrix', durationMinutes: 60, slots: [day.toISOString()] }))).interviewId;
    const startsAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 40 * 86_400_000).toISOString();
    ids.groupId = (await must('group', call('consulting', 'POST', '/research-groups', alice, { title: 'Matrix group', topic: 'noise', leadExpertId: 'exp-1', startsAt, endsAt }))).groupId;

    // The world's own consequences (earning on ExpertJoined, rankings) settle first, so any write seen
    // during the matrix is an attacker's.
    let last = '';
    await until('the world settles', async () => {
      for (const s of platform.services.values()) if ((await platform.bus.consumerLag(s.definition.name, s.definition.consumes)) > 0) return false;
      const now = await positions();
      const stable = now === last;
      last = now;
      if (!stable) await new Promise((r) => setTimeout(r, 300));
      return stable;
    });
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The victim's id for a parameter, as this attacker would aim it. */
  const victim = (service: string, param: string, attacker: Attacker): string | undefined => {
    switch (param) {
      case 'organisationId':
        return 'org-a';
      case 'expertId':
      case 'accountId':
      case 'payerId':
        // In points an account is an expert or `org:<id>`; enterprises aim at the organisation's.
        return service === 'points' && attacker.who.role === 'enterprise' ? 'org:org-a' : 'exp-1';
      case 'leadExpertId':
        return 'exp-1';
      case 'interviewId':
      case 'bookingId':
        return ids.interviewId;
      case 'groupId':
        return ids.groupId;
      case 'reservationId':
        return ids.reservationId;
      default:
        return undefined;
    }
  };

  it('no attacker gets a 2xx or writes anything, over every operation that names a tenant', async () => {
    let size = 0;
    const notRefused: string[] = [];
    const openByDesign: string[] = [];
    const otherRefusals: Record<string, number> = {};
    for (const service of ['demand', 'matching', 'consulting', 'points']) {
      const doc = (await (await fetch(`${platform.services.get(service)!.url}/docs-json`)).json()) as OpenApiDocument;
      for (const [template, item] of Object.entries(doc.paths)) {
        for (const method of METHODS) {
          const op: Operation | undefined = item[method];
          if (!op) continue;
          const params = (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
          const bodySchema = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
          const bodyFields = Object.keys(bodySchema.properties ?? {});
          const named = [...params.map((p) => p.name), ...bodyFields].filter((n) => TENANT_PARAMS.has(n));
          if (named.length === 0) continue;
          for (const attacker of ATTACKERS) {
            const aimed = attacker.targets === 'all' ? named : named.filter((n) => (attacker.targets === 'organisation' ? ORGANISATION_PARAMS : EXPERT_PARAMS).includes(n));
            if (aimed.length === 0) continue;
            // Every path parameter needs a value: the victim's where it names a tenant, else a sample.
            let path = template;
            const query: string[] = [];
            for (const p of params) {
              const value = victim(service, p.name, attacker) ?? String(sampleOf(doc, p.schema));
              if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value));
              else if (p.required || TENANT_PARAMS.has(p.name)) query.push(`${p.name}=${encodeURIComponent(value)}`);
            }
            let body: unknown;
            if (op.requestBody) {
              const sample = sampleOf(doc, bodySchema) as Record<string, unknown>;
              for (const field of bodyFields) {
                // Times the documents type only as strings: a future instant, so validation passes.
                if (/(At|Until)$|^start$/.test(field)) sample[field] = FUTURE;
                if (field === 'endsAt') sample[field] = LATER;
                if (field === 'slots') sample[field] = [FUTURE];
                if (field === 'email') sample[field] = 'someone@example.com';
                const value = victim(service, field, attacker);
                if (value !== undefined) sample[field] = value;
              }
              body = sample;
            }
            size++;
            const before = await positions();
            const r = await call(service, method, `${path}${query.length ? `?${query.join('&')}` : ''}`, attacker.who, body);
            const after = await positions();
            const where = `${attacker.name}|${service} ${method.toUpperCase()} ${template}`;
            const wrote = before !== after;
            if (OPEN_BY_DESIGN[where]) {
              openByDesign.push(`${where}: ${r.status}`);
            } else if ((r.status >= 200 && r.status < 300) || wrote) {
              notRefused.push(`${where}: ${r.status}${wrote ? ' and wrote' : ''} ${JSON.stringify(r.body).slice(0, 120)}`);
            } else if (r.status !== 403 && r.status !== 404) {
              otherRefusals[`${r.status}`] = (otherRefusals[`${r.status}`] ?? 0) + 1;
              notRefused.push(`${where}: ${r.status} (a refusal, but not for who asks) ${JSON.stringify(r.body?.errors ?? r.body?.code)}`);
            }
          }
        }
      }
    }
    process.stdout.write(`tenancy matrix: ${size} attempts, ${notRefused.length} not refused with 403/404; open by design: ${openByDesign.length} (${openByDesign.join('; ')})\n`);
    expect(size).toBeGreaterThan(50);
    expect(notRefused).toEqual([]);
  });

  it('a member removed in demand is refused in points and consulting once the removal is consumed', async () => {
    const carol: Who = { sub: 'carol-a', role: 'enterprise', org: 'org-a' };
    await must('member', call('demand', 'PUT', '/organisations/org-a/members/carol-a', operator));
    await until('points learns carol', async () => (await call('points', 'GET', '/accounts/org:org-a', carol)).status === 200);
    await until('consulting learns carol', async () => (await call('consulting', 'GET', `/interviews/${ids.interviewId}`, carol)).status === 200);

    await must('removal', call('demand', 'DELETE', '/organisations/org-a/members/carol-a', operator));
    await until('points refuses carol', async () => (await call('points', 'GET', '/accounts/org:org-a', carol)).status === 403);
    await until('consulting refuses carol', async () => (await call('consulting', 'GET', `/interviews/${ids.interviewId}`, carol)).status === 403);
    const before = await positions();
    expect((await call('points', 'POST', '/accounts/org:org-a/redemptions', carol, { itemId: 'publish-need' })).status).toBe(403);
    expect((await call('consulting', 'POST', `/interviews/${ids.interviewId}/cancellation`, carol, { reason: 'removed' })).status).toBe(403);
    expect(await positions()).toBe(before);
    // Her colleague is unaffected.
    expect((await call('points', 'GET', '/accounts/org:org-a', alice)).status).toBe(200);
  });
});
