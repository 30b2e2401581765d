import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { DevTokens, type Caller } from '../src/testing/dev-tokens';
import { eventually } from '../src/testing/eventually';
import { callService, type HttpAnswer } from '../src/testing/http-caller';
import { DEMO_ENTERPRISE, DEMO_EXPERTS, DEMO_ORG, seedDemoData } from '../src/start/demo-data';

/**
 * Every paged list over HTTP, on the demo world (decision 0057): its own cursor pages on; any other
 * list's cursor, an edited one or a hand-made one of the old `[string, string]` shape is a 400
 * `PAGING.BAD_CURSOR` naming `cursor`. Before the shared codec `/interviews` paged from a demand's key.
 */
type Who = Caller;

const LI = DEMO_EXPERTS[0].expertId;
const li: Who = { sub: LI, role: 'expert' };
const enterprise: Who = { sub: DEMO_ENTERPRISE, role: 'enterprise', org: DEMO_ORG };
const operator: Who = { sub: 'cursor-operator', role: 'operator' };

/** Each list: where it is, who reads it, where its page's items are. */
const LISTS: Record<string, { service: string; path: string; who: Who; items: string }> = {
  demands: { service: 'demand', path: '/demands', who: enterprise, items: 'items' },
  dashboard: { service: 'demand', path: `/organisations/${DEMO_ORG}/dashboard`, who: enterprise, items: 'demands' },
  organisations: { service: 'demand', path: '/organisations', who: operator, items: 'items' },
  interviews: { service: 'consulting', path: '/interviews', who: operator, items: 'items' },
  experts: { service: 'matching', path: '/experts', who: operator, items: 'items' },
  resources: { service: 'matching', path: '/resources', who: operator, items: 'items' },
  inbox: { service: 'matching', path: '/me/inbox', who: li, items: 'items' },
};
const NAMES = Object.keys(LISTS);

describe('paging cursors: each list takes only its own', () => {
  jest.setTimeout(180_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  const cursors = new Map<string, string>();
  const firstPages = new Map<string, unknown[]>();

  const call = (service: string, method: string, path: string, who: Who, body?: unknown): Promise<HttpAnswer> =>
    callService(DevTokens.of(platform.devIssuer), platform.services.get(service)!.url, method, path, who, body);
  const page = (name: string, cursor?: string) => {
    const l = LISTS[name]!;
    return call(l.service, 'GET', `${l.path}?limit=1${cursor !== undefined ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, l.who);
  };
  const expectBadCursor = (a: HttpAnswer) =>
    expect({ status: a.status, problem: a.contentType.startsWith('application/problem+json'), code: a.body.code, errors: a.body.errors }).toEqual({
      status: 400,
      problem: true,
      code: 'PAGING.BAD_CURSOR',
      errors: [expect.objectContaining({ field: 'cursor' })],
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-cursors-'));
    platform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0' } });
    const printed: string[] = [];
    await seedDemoData(platform, (l = '') => printed.push(l));
    expect(printed.join('\n')).not.toMatch(/stopped/);
    // The demo world has no resources and no interviews: two of each, so every list has a second page.
    for (const n of [1, 2]) {
      const resource = { kind: 'lab', title: { en: `Cursor rig ${n}` }, capabilities: ['testing'], trl: 5, ipStatus: 'none', region: 'CN-37', ownerOrganisationId: DEMO_ORG };
      expect((await call('matching', 'POST', '/resources', operator, resource)).status).toBe(201);
      const slot = new Date(Date.now() + (10 + n) * 86_400_000);
      slot.setUTCHours(9, 0, 0, 0);
      const interview = { expertId: LI, topic: `cursor topic ${n}`, durationMinutes: 60, slots: [slot.toISOString()] };
      // Consulting learns of Li from matching's events a moment after the seed joined her.
      await eventually(async () => expect((await call('consulting', 'POST', '/interviews', enterprise, interview)).status).toBe(201));
    }
    for (const name of NAMES) {
      const first = await eventually(async () => {
        const a = await page(name);
        expect([a.status, typeof a.body.nextCursor]).toEqual([200, 'string']);
        return a;
      });
      cursors.set(name, first.body.nextCursor as string);
      firstPages.set(name, first.body[LISTS[name]!.items] as unknown[]);
    }
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(NAMES)('%s: its own cursor gives the next page', async (name) => {
    const next = await page(name, cursors.get(name));
    expect(next.status).toBe(200);
    const items = next.body[LISTS[name]!.items] as unknown[];
    expect(items).toHaveLength(1);
    expect(items).not.toEqual(firstPages.get(name));
  });

  it.each(NAMES)("%s: every other list's cursor is a 400 PAGING.BAD_CURSOR naming cursor", async (name) => {
    for (const other of NAMES.filter((n) => n !== name)) expectBadCursor(await page(name, cursors.get(other)));
  });

  it.each(NAMES)('%s: an edited, cut or hand-made cursor is a 400 PAGING.BAD_CURSOR naming cursor', async (name) => {
    const own = cursors.get(name)!;
    const flipped = own.slice(0, 12) + (own[12] === 'A' ? 'B' : 'A') + own.slice(13);
    const oldShape = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x'])).toString('base64url');
    for (const bad of [flipped, own.slice(0, -2), oldShape, 'garbage', '42']) expectBadCursor(await page(name, bad));
  });
});
