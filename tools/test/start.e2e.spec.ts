import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { startEmbeddedPlatform, type EmbeddedPlatform, type Role } from '@hope/platform';
import { DEMO_DEMANDS, DEMO_ENTERPRISE, DEMO_EXPERTS, DEMO_GRANT, DEMO_MEETING_TITLE, DEMO_ORG, seedDemoData } from '../src/start/demo-data';
import { eventually } from '../src/testing/eventually';

/**
 * `npm start`'s demo data against a real embedded platform, twice on the same data directory (a
 * restart in between): the second run fails nothing and adds nothing.
 */
describe('npm start demo data', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  const start = async () => {
    platform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  };
  const get = async (service: string, path: string, who: { sub: string; role: Role; org?: string }) => {
    const token = await platform.devIssuer.issue(who);
    const r = await fetch(`${platform.services.get(service)!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const seedOnce = async () => {
    const lines: string[] = [];
    await seedDemoData(platform, (l = '') => lines.push(l));
    return lines.join('\n');
  };
  const operator = { sub: 'test-operator', role: 'operator' as const };
  const world = async () => {
    const demands = ((await get('demand', '/demands?mine=true&limit=100', { sub: DEMO_ENTERPRISE, role: 'enterprise', org: DEMO_ORG })).body.items as { title: { en: string }; status: string }[]) ?? [];
    const meetings = ((await get('consulting', '/meetings?limit=100', operator)).body.items as { title: string; seats: number }[]).filter((m) => m.title === DEMO_MEETING_TITLE);
    const proposals = (await get('demand', '/proposals/mine', { sub: DEMO_EXPERTS[0].expertId, role: 'expert' })).body.items as unknown[];
    const account = (await get('points', `/accounts/${DEMO_EXPERTS[0].expertId}`, operator)).body;
    const experts = await Promise.all(DEMO_EXPERTS.map(async (e) => (await get('matching', `/experts/${e.expertId}`, operator)).status));
    return { demands: demands.map((d) => `${d.title.en}: ${d.status}`).sort(), meetings: meetings.length, proposals: proposals.length, adjusted: account.adjusted, experts };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-start-'));
    await start();
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds organisations, experts, published demands with a clue, a points grant and a meeting, and prints a token per persona', async () => {
    const printed = await seedOnce();
    expect(printed).not.toMatch(/stopped/);
    expect(printed).toMatch(new RegExp(`enterprise \\(${DEMO_ENTERPRISE} @ ${DEMO_ORG}\\).+ey[\\w-]+\\.[\\w-]+\\.[\\w-]+`));
    for (const e of DEMO_EXPERTS) expect(printed).toContain(`${e.name} (${e.expertId})`);
    expect(await world()).toEqual({
      demands: DEMO_DEMANDS.map((d) => `${d.title.en}: published`).sort(),
      meetings: 1,
      proposals: 1,
      adjusted: DEMO_GRANT,
      experts: DEMO_EXPERTS.map(() => 200),
    });
    // The clue earns through the pipeline (demand -> bus -> points): 5 points, pending.
    await eventually(async () => expect((await get('points', `/accounts/${DEMO_EXPERTS[0].expertId}`, operator)).body).toMatchObject({ pending: 5, available: DEMO_GRANT }), { timeoutMs: 30_000 });
    // The enterprise token printed by npm start acts for its organisation.
    expect((await get('demand', `/organisations/${DEMO_ORG}`, { sub: DEMO_ENTERPRISE, role: 'enterprise', org: DEMO_ORG })).status).toBe(200);
  });

  it('a second start on the same data directory fails nothing and duplicates nothing', async () => {
    const before = await world();
    await platform.stop();
    await start();
    const printed = await seedOnce();
    expect(printed).not.toMatch(/stopped/);
    expect(await world()).toEqual(before);
  });
});
