import { deterministicUuid } from '@hope/eventstore';
import type { EmbeddedPlatform, Role } from '@hope/platform';

/**
 * Demo data for `npm start`: a small believable world, seeded through the services' own HTTP APIs
 * with dev tokens (so it obeys every rule a real caller does). Idempotent: each step looks first and
 * only creates what is missing, and client-chosen ids are derived from fixed names, so a second start
 * on the same data directory adds nothing.
 */
export const DEMO_ORG = 'org-haier-demo';
export const DEMO_ENTERPRISE = 'dev-enterprise';
export const DEMO_OPERATOR = 'dev-operator';
export const DEMO_EXPERTS = [
  { expertId: 'demo-expert-li', name: 'Li Wei', domains: ['smart-home', 'hvac'], skills: ['compressor design', 'noise reduction'], region: 'Qingdao' },
  { expertId: 'demo-expert-chen', name: 'Chen Jing', domains: ['smart-home', 'iot'], skills: ['embedded firmware', 'zigbee'], region: 'Shanghai' },
  { expertId: 'demo-expert-novak', name: 'Anna Novak', domains: ['materials', 'hvac'], skills: ['heat exchangers', 'refrigerants'], region: 'Munich' },
] as const;
export const DEMO_DEMANDS = [
  {
    title: { en: 'Quieter inverter compressor for refrigerators', zh: '冰箱变频压缩机降噪' },
    description: { en: 'Cut compressor noise below 32 dB(A) without losing efficiency.', zh: '在不降低能效的前提下将压缩机噪音降至 32 dB(A) 以下。' },
    domain: 'smart-home',
    keywords: ['compressor', 'noise', 'refrigerator'],
  },
  {
    title: { en: 'Low-GWP refrigerant heat exchanger', zh: '低 GWP 冷媒换热器' },
    description: { en: 'A compact heat exchanger for R290 in household air conditioners.', zh: '用于家用空调 R290 冷媒的紧凑型换热器。' },
    domain: 'hvac',
    keywords: ['refrigerant', 'heat exchanger', 'R290'],
  },
] as const;
export const DEMO_MEETING_TITLE = 'Smart-home innovation exchange (demo)';
export const DEMO_GRANT = 300;

type Out = (line?: string) => void;
interface Who {
  readonly sub: string;
  readonly role: Role;
  readonly org?: string;
}
interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

class SeedError extends Error {}

/**
 * A connection that fails (fetch's TypeError: a kept-alive socket the server closed as it was reused, a
 * reset on a loaded machine) is tried again, twice at most. Every seeding write is safe to repeat: it
 * carries an Idempotency-Key or a client-chosen id, and each step looks before it creates.
 */
async function fetchRetryingTheConnection(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (!(error instanceof TypeError) || attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Seeds the demo world; prints what it did and which token to use for which persona. Never throws. */
export async function seedDemoData(platform: EmbeddedPlatform, out: Out): Promise<void> {
  try {
    await seed(platform, out);
  } catch (error) {
    out(`Demo data: stopped (${whatFailed(error)}); the services run anyway.`);
    out();
  }
}

/** fetch says only "fetch failed"; what failed (ECONNRESET, ECONNREFUSED...) is in its cause. */
function whatFailed(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}

async function seed(platform: EmbeddedPlatform, out: Out): Promise<void> {
  const tokens = new Map<string, string>();
  const tokenFor = async (who: Who) => {
    const key = `${who.role}:${who.sub}`;
    if (!tokens.has(key)) tokens.set(key, await platform.devIssuer.issue({ sub: who.sub, role: who.role, ...(who.org ? { org: who.org } : {}) }, 12 * 3600));
    return tokens.get(key)!;
  };
  const call = async (service: string, method: string, path: string, who: Who, body?: unknown, idempotencyKey?: string): Promise<Answer> => {
    const s = platform.services.get(service);
    if (!s) throw new SeedError(`no ${service} service`);
    const init: RequestInit = {
      method,
      headers: { authorization: `Bearer ${await tokenFor(who)}`, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    const r = await fetchRetryingTheConnection(`${s.url}${path}`, init);
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const ok = (a: Answer, what: string, tolerated: number[] = []): Answer => {
    if (a.status >= 400 && !tolerated.includes(a.status)) throw new SeedError(`${what}: HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
    return a;
  };
  const operator: Who = { sub: DEMO_OPERATOR, role: 'operator' };
  const enterprise: Who = { sub: DEMO_ENTERPRISE, role: 'enterprise', org: DEMO_ORG };
  const expert = (expertId: string): Who => ({ sub: expertId, role: 'expert' });
  const notes: string[] = [];

  // Organisations (demand): the enterprise token printed above acts for org-haier-demo only once it is a member.
  const orgs = [
    { organisationId: DEMO_ORG, name: { en: 'Haier Smart Home (demo)', zh: '海尔智家（演示）' }, kind: 'business-unit' },
    { organisationId: 'org-qingdao-sme-demo', name: { en: 'Qingdao Cooling Tech (demo)', zh: '青岛制冷科技（演示）' }, kind: 'sme' },
  ];
  let orgsMissing = false;
  for (const org of orgs) orgsMissing = ok(await call('demand', 'POST', '/organisations', operator, org), `organisation ${org.organisationId}`, [404]).status === 404 || orgsMissing;
  const member = ok(await call('demand', 'PUT', `/organisations/${DEMO_ORG}/members/${DEMO_ENTERPRISE}`, operator), 'membership', [404]);
  if (orgsMissing || member.status === 404) notes.push('organisations: the demand service has no /organisations endpoints yet (404), skipped');

  // Experts (matching): each joins as itself.
  for (const e of DEMO_EXPERTS) {
    if (ok(await call('matching', 'GET', `/experts/${e.expertId}`, operator), `expert ${e.expertId}`, [404]).status === 200) continue;
    const profile = { name: e.name, domains: [...e.domains], skills: e.skills.map((name) => ({ name, lastPractised: 2025 })), region: e.region, languages: ['zh', 'en'] };
    ok(await call('matching', 'POST', '/experts', expert(e.expertId), profile, `demo-join-${e.expertId}`), `join ${e.expertId}`);
  }

  // Demands (demand): drafted by the enterprise, submitted, published by the operator; a clue on the first.
  const deadline = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00.000Z';
  const mine = ok(await call('demand', 'GET', '/demands?mine=true&limit=100', enterprise), 'my demands');
  const existing = (mine.body.items as { demandId: string; status: string; title: { en?: string } }[] | undefined) ?? [];
  const demandIds: string[] = [];
  for (const d of DEMO_DEMANDS) {
    let found = existing.find((x) => x.title.en === d.title.en);
    if (!found) {
      const content = { ...d, keywords: [...d.keywords], maturity: 'theoretical', trl: 4, ipTerms: 'non-exclusive', deadline, visibility: 'public', reward: { kind: 'reward', amount: 50_000, currency: 'CNY' } };
      const drafted = ok(await call('demand', 'POST', '/demands', enterprise, content, `demo-demand-${d.keywords[0]}`), `draft "${d.title.en}"`);
      found = { demandId: drafted.body.demandId as string, status: drafted.body.status as string, title: d.title };
    }
    if (found.status === 'draft') ok(await call('demand', 'POST', `/demands/${found.demandId}/submission`, enterprise, {}, `demo-submit-${found.demandId}`), 'submit demand');
    if (found.status === 'draft' || found.status === 'submitted' || found.status === 'in-review') {
      ok(await call('demand', 'POST', `/demands/${found.demandId}/publication`, operator, {}, `demo-publish-${found.demandId}`), 'publish demand');
    }
    demandIds.push(found.demandId);
  }
  const li = DEMO_EXPERTS[0].expertId;
  const proposals = ok(await call('demand', 'GET', '/proposals/mine', expert(li)), 'my proposals');
  if (!((proposals.body.items as { demandId: string }[] | undefined) ?? []).some((p) => p.demandId === demandIds[0])) {
    const clue = { kind: 'clue', title: 'Tuned mass damper on the compressor mount', body: 'A tuned damper on the mount took 4 dB(A) off a similar unit in our lab; happy to share the measurements.' };
    ok(await call('demand', 'POST', `/demands/${demandIds[0]}/proposals`, expert(li), clue, `demo-clue-${demandIds[0]}`), 'clue');
  }

  // Points: an operator's welcome grant (same adjustment id every start = granted once).
  const adjustmentId = deterministicUuid('demo.grant', li);
  ok(await call('points', 'POST', `/accounts/${li}/adjustments`, operator, { adjustmentId, points: DEMO_GRANT, reason: 'demo: welcome grant' }), 'points grant');

  // Consulting: an exchange meeting with seats, two weeks ahead.
  const meetings = ok(await call('consulting', 'GET', '/meetings?limit=100', operator), 'meetings');
  if (!((meetings.body.items as { title: string }[] | undefined) ?? []).some((m) => m.title === DEMO_MEETING_TITLE)) {
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const meeting = { kind: 'exchange-meeting', title: DEMO_MEETING_TITLE, startsAt: `${day}T06:00:00.000Z`, endsAt: `${day}T08:00:00.000Z`, venue: 'Haier Innovation Center, Qingdao', online: false, seats: 30 };
    ok(await call('consulting', 'POST', '/meetings', operator, meeting, `demo-meeting-${day}`), 'meeting');
  }

  out('Demo data (idempotent; seeded through the APIs):');
  out(`  organisations ${orgs.map((o) => o.organisationId).join(', ')}; ${DEMO_ENTERPRISE} is a member of ${DEMO_ORG}`);
  out(`  experts ${DEMO_EXPERTS.map((e) => `${e.name} (${e.expertId})`).join(', ')}`);
  out(`  published demands ${demandIds.join(', ')}; a clue by ${li} on the first`);
  out(`  ${DEMO_GRANT} points granted to ${li}; meeting "${DEMO_MEETING_TITLE}" with 30 seats`);
  for (const n of notes) out(`  note: ${n}`);
  out('Tokens per persona (12 h):');
  out(`  operator   (${DEMO_OPERATOR}): publish demands, grant points, schedule meetings   ${await tokenFor(operator)}`);
  out(`  enterprise (${DEMO_ENTERPRISE} @ ${DEMO_ORG}): draft demands, see proposals   ${await tokenFor(enterprise)}`);
  for (const e of DEMO_EXPERTS) out(`  expert     ${e.name} (${e.expertId}): profile, proposals, points, seats   ${await tokenFor(expert(e.expertId))}`);
  out();
}
