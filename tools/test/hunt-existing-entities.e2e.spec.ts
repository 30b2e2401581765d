import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { startEmbeddedPlatform, type EmbeddedPlatform, type Role } from '@hope/platform';
import { DEMO_ENTERPRISE, DEMO_EXPERTS, DEMO_ORG, seedDemoData } from '../src/start/demo-data';

/**
 * The platform attacked the way its users will, with the real ids of `npm start`'s demo world:
 * mistaken or hostile fields on entities that exist (a published demand's draft sibling, Li Wei's
 * profile), bodies of the wrong content type. Each case was a finding: a 5xx, a 2xx that stored
 * what it should have refused, or a body silently ignored.
 */
interface Who {
  readonly sub: string;
  readonly role: Role;
  readonly org?: string;
}
interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: Record<string, unknown>;
}

const LI = DEMO_EXPERTS[0].expertId;
const li: Who = { sub: LI, role: 'expert' };
const enterprise: Who = { sub: DEMO_ENTERPRISE, role: 'enterprise', org: DEMO_ORG };
const operator: Who = { sub: 'hunt-operator', role: 'operator' };

describe('hunt: bad fields on existing entities, wrong content types', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let draftId: string;

  const call = async (service: string, method: string, path: string, who: Who, body?: string, contentType = 'application/json'): Promise<Answer> => {
    const token = await platform.devIssuer.issue({ sub: who.sub, role: who.role, ...(who.org !== undefined ? { org: who.org } : {}) });
    const r = await fetch(`${platform.services.get(service)!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await r.text();
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
  const fields = (a: Answer) => ((a.body.errors as { field: string }[] | undefined) ?? []).map((e) => e.field);
  const expectRefused = (a: Answer, status: number, field: string) => {
    expect({ status: a.status, problem: a.type.startsWith('application/problem+json'), fields: fields(a) }).toEqual({ status, problem: true, fields: expect.arrayContaining([field]) });
  };
  const profile = async () => (await call('matching', 'GET', `/experts/${LI}`, operator)).body.profile as Record<string, unknown>;
  const draft = async () => (await call('demand', 'GET', `/demands/${draftId}`, enterprise)).body;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-hunt-'));
    platform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0' } });
    const printed: string[] = [];
    await seedDemoData(platform, (l = '') => printed.push(l));
    expect(printed.join('\n')).not.toMatch(/stopped/);
    const created = await call('demand', 'POST', '/demands', enterprise, JSON.stringify({ title: { en: 'Hunt draft' }, description: { en: 'A draft to edit' }, domain: 'hvac', keywords: ['fan'], maturity: 'theoretical', trl: 4, ipTerms: 'none', deadline: '2099-04-01', visibility: 'public' }));
    expect(created.status).toBe(201);
    draftId = created.body.demandId as string;
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('null for a field the document does not call nullable', () => {
    it('PATCH an expert with name: null is a 400 naming name (was a 500: the decider read null.trim())', async () => {
      const before = await profile();
      expectRefused(await call('matching', 'PATCH', `/experts/${LI}`, li, '{"name":null}'), 400, 'name');
      expect(await profile()).toEqual(before);
    });
    it('PATCH a draft demand with title: null is a 400 naming title (was a 200 that ignored it)', async () => {
      expectRefused(await call('demand', 'PATCH', `/demands/${draftId}`, enterprise, '{"title":null}'), 400, 'title');
      expectRefused(await call('demand', 'PATCH', `/demands/${draftId}`, enterprise, '{"title":{"en":null}}'), 400, 'title.en');
      expect((await draft()).title).toEqual({ en: 'Hunt draft' });
    });
    it('a nested optional field set to null is named with its path (a skill year, a bio text)', async () => {
      expectRefused(await call('matching', 'PATCH', `/experts/${LI}`, li, '{"skills":[{"name":"zigbee","lastPractised":null}]}'), 400, 'skills.0.lastPractised');
      expectRefused(await call('matching', 'PATCH', `/experts/${LI}`, li, '{"bio":{"en":null}}'), 400, 'bio.en');
    });
  });

  describe('control characters in text', () => {
    it('a NUL or a bell in an expert name or a demand title is a 400 naming the field; tab and newline stay allowed', async () => {
      const before = await profile();
      expectRefused(await call('matching', 'PATCH', `/experts/${LI}`, li, JSON.stringify({ name: 'Li\u0000Wei' })), 400, 'name');
      expect(await profile()).toEqual(before);
      expectRefused(await call('demand', 'PATCH', `/demands/${draftId}`, enterprise, JSON.stringify({ title: { en: 'Ring \u0007 the bell' } })), 400, 'title.en');
      expect((await draft()).title).toEqual({ en: 'Hunt draft' });
      const multiline = await call('demand', 'PATCH', `/demands/${draftId}`, enterprise, JSON.stringify({ description: { en: 'Line one\n\tLine two\r\n' } }));
      expect(multiline.status).toBe(200);
    });
  });

  describe('dates that match the shape but not the calendar', () => {
    it('an employer restriction until 2027-02-30 or 2027-13-01 is a 400 naming until (the first was stored)', async () => {
      const restrictions = async () => ((await call('matching', 'GET', `/experts/${LI}`, li)).body.restrictions as unknown[]).length;
      const before = await restrictions();
      for (const until of ['2027-02-30', '2027-13-01', '2027-00-10']) {
        expectRefused(await call('matching', 'POST', `/experts/${LI}/employer-restrictions`, li, JSON.stringify({ organisationIds: [DEMO_ORG], until })), 400, 'until');
      }
      expect(await restrictions()).toBe(before);
      const leap = await call('matching', 'POST', `/experts/${LI}/employer-restrictions`, li, JSON.stringify({ organisationIds: [DEMO_ORG], until: '2028-02-29' }));
      expect(leap.status).toBe(201);
    });
  });

  describe('duplicate items in a list', () => {
    it('keywords twice on a draft demand, domains or languages twice on a profile: 400 naming the list', async () => {
      expectRefused(await call('demand', 'PATCH', `/demands/${draftId}`, enterprise, '{"keywords":["fan","noise","fan"]}'), 400, 'keywords');
      expect((await draft()).keywords).toEqual(['fan']);
      const before = await profile();
      expectRefused(await call('matching', 'PATCH', `/experts/${LI}`, li, '{"domains":["hvac","hvac"]}'), 400, 'domains');
      expectRefused(await call('matching', 'PATCH', `/experts/${LI}`, li, '{"languages":["zh","en","zh"]}'), 400, 'languages');
      expect(await profile()).toEqual(before);
    });
    it('a list of distinct items still passes', async () => {
      const ok = await call('demand', 'PATCH', `/demands/${draftId}`, enterprise, '{"keywords":["fan","noise"]}');
      expect({ status: ok.status, keywords: ok.body.keywords }).toEqual({ status: 200, keywords: ['fan', 'noise'] });
    });
  });

  describe('blank text where text is required', () => {
    it('a plan titled with spaces and a zero-width body on a published demand is a 400 naming both; nothing is submitted', async () => {
      const published = (await call('demand', 'GET', '/demands?limit=1', li)).body.items as { demandId: string }[];
      const demandId = published[0]!.demandId;
      const mine = async () => ((await call('demand', 'GET', '/proposals/mine', li)).body.items as unknown[]).length;
      const before = await mine();
      const blank = await call('demand', 'POST', `/demands/${demandId}/proposals`, li, JSON.stringify({ kind: 'plan', title: '   ', body: '\u200b\u200b' }));
      expectRefused(blank, 400, 'title');
      expect(fields(blank)).toContain('body');
      expect(await mine()).toBe(before);
    });
    it('a draft demand whose domain is only spaces is a 400 naming domain', async () => {
      expectRefused(await call('demand', 'PATCH', `/demands/${draftId}`, enterprise, '{"domain":"   "}'), 400, 'domain');
      expect((await draft()).domain).toBe('hvac');
    });
  });

  describe('query parameters an operation does not take', () => {
    it('are a 400 naming each one, also where the operation takes no query at all (they were ignored: ?limit=1 looked honoured)', async () => {
      const meetings = (await call('consulting', 'GET', '/meetings', operator)).body.items as { meetingId: string }[];
      const meetingId = meetings[0]!.meetingId;
      expectRefused(await call('consulting', 'GET', '/research-groups?limit=1', operator), 400, 'limit');
      const one = await call('consulting', 'GET', `/meetings/${meetingId}?status=closed&status=open&fields=title`, operator);
      expectRefused(one, 400, 'status');
      expect(fields(one)).toEqual(['status', 'fields']);
      expectRefused(await call('demand', 'GET', `/demands/${draftId}?bogus=1`, enterprise), 400, 'bogus');
    });
    it('operations with a query DTO, and the public health probe, answer as before', async () => {
      expect((await call('demand', 'GET', '/demands?limit=1', operator)).status).toBe(200);
      expect((await call('consulting', 'GET', '/meetings?withFreeSeats=true', operator)).status).toBe(200);
      expect((await fetch(`${platform.services.get('points')!.url}/health/live?probe=k8s`)).status).toBe(200);
    });
  });

  describe('a body that is not JSON on a JSON operation', () => {
    it('text/plain JSON on the probe is 415 naming content-type, not a 202 that dropped the note', async () => {
      expectRefused(await call('demand', 'POST', '/ops/probes', operator, '{"note":"hello"}', 'text/plain'), 415, 'content-type');
    });
    it('XML for a new demand and a form for an edit are 415, and the draft is unchanged', async () => {
      expectRefused(await call('demand', 'POST', '/demands', enterprise, '<demand/>', 'application/xml'), 415, 'content-type');
      expectRefused(await call('demand', 'PATCH', `/demands/${draftId}`, enterprise, 'trl=7', 'application/x-www-form-urlencoded'), 415, 'content-type');
      expect((await draft()).trl).toBe(4);
    });
    it('operations that take no body still answer without a content type, and the import still takes x-ndjson', async () => {
      const probe = await call('demand', 'POST', '/ops/probes', operator);
      expect(probe.status).toBe(202);
      const token = await platform.devIssuer.issue({ sub: operator.sub, role: 'operator' });
      const line = JSON.stringify({ externalId: 'hunt-1', name: 'Hunt Import', domains: ['hvac'] });
      const r = await fetch(`${platform.services.get('matching')!.url}/experts/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body: `${line}\n` });
      expect(r.status).toBe(200);
      expect(await r.text()).toMatch(/"report"/);
    });
  });
});
