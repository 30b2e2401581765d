import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@hope/eventstore';
import { DEMO_DEMANDS, DEMO_EXPERTS, DEMO_MEETING_TITLE, DEMO_ORG } from '../src/start/demo-data';
import { DevTokens, type Caller } from '../src/testing/dev-tokens';

/**
 * Idempotency that survives a crash: the embedded platform runs as one process on SQLite; keyed
 * create/spend requests go out concurrently, the process is SIGKILLed at a random moment (several
 * rounds), restarted on the same data, and every unanswered request is retried with its key. The
 * response cache is in memory, so it is gone after each kill: only the stream can answer the retries.
 * Effects counted in the stores must equal the distinct keys sent.
 */
const ROOT = resolve(__dirname, '../..');
const SECRET = 'idempotency-crash-test-secret-0123456789abcdef';
const ROUNDS = 3;
const PER_KIND = 8;

type Urls = Record<'demand' | 'matching' | 'consulting' | 'points', string>;
type Kind = 'need' | 'proposal' | 'interview' | 'registration' | 'redemption' | 'adjustment';
interface Op {
  readonly kind: Kind;
  readonly key: string;
  readonly service: keyof Urls;
  readonly path: string;
  readonly who: Caller;
  readonly body: unknown;
  answered?: number;
}

class Platform {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  urls!: Urls;

  constructor(private readonly dir: string) {}

  async start(seed = false): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/src/testing/embedded-process.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: this.dir, AUTH_DEV_SECRET: SECRET, NODE_ENV: 'development', ...(seed ? { SEED: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = '';
    this.exited = new Promise((done) => child.once('exit', () => done()));
    this.urls = await new Promise<Urls>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no HOPE_URLS in 60 s:\n${this.output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        this.output = (this.output + chunk.toString()).slice(-20_000);
        const line = /HOPE_URLS (\{.*\})/.exec(this.output);
        if (line) {
          clearTimeout(timer);
          ok(JSON.parse(line[1]!) as Urls);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => fail(new Error(`exited ${code}:\n${this.output}`)));
    });
  }

  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

describe('Idempotency-Key survives SIGKILL: retries after a restart duplicate no effect', () => {
  jest.setTimeout(180_000);
  let dir: string;
  let platform: Platform;
  let tokens: DevTokens;
  const li = DEMO_EXPERTS[0].expertId;
  const operator: Caller = { sub: 'crash-operator', role: 'operator' };

  const send = async (service: keyof Urls, method: string, path: string, who: Caller, body: unknown, key?: string) => {
    const r = await fetch(`${platform.urls[service]}${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokens.token(who)}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, unknown> };
  };
  const must = async (what: string, p: ReturnType<typeof send>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-idem-crash-'));
    tokens = await DevTokens.create(SECRET);
    platform = new Platform(dir);
    await platform.start(true);
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGKILL at random points, restart, retry every unanswered request with its key: effects = distinct keys', async () => {
    // The world: points to spend, a published demand, a meeting with seats, the expert's availability.
    await must('grant', send('points', 'POST', `/accounts/${li}/adjustments`, operator, { adjustmentId: randomUUID(), points: 100_000, reason: 'budget for the crash test' }));
    const enterprise: Caller = { sub: 'dev-enterprise', role: 'enterprise', org: DEMO_ORG };
    const demands = (await must('demands', send('demand', 'GET', '/demands?mine=true&limit=100', enterprise, undefined))).items as { demandId: string; status: string }[];
    const demandId = demands.find((d) => d.status === 'published')!.demandId;
    expect(demands.length).toBe(DEMO_DEMANDS.length);
    const meetings = (await must('meetings', send('consulting', 'GET', '/meetings?limit=100', operator, undefined))).items as { meetingId: string; title: string }[];
    const meetingId = meetings.find((m) => m.title === DEMO_MEETING_TITLE)!.meetingId;
    const allWeek = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, from: '00:00', to: '23:30' }));
    await must('availability', send('consulting', 'PUT', `/experts/${li}/availability`, { sub: li, role: 'expert' }, { timeZone: 'UTC', weekly: allWeek }));

    // The buyers act for the demo organisation only as its members: registered in demand, and waited
    // for until consulting (which learns membership from demand's events) accepts the last of them.
    const buyers = Array.from({ length: ROUNDS * PER_KIND }, (_, k) => `crash-buyer-${Math.floor(k / PER_KIND)}-${k % PER_KIND}`);
    for (const sub of buyers) await must(`member ${sub}`, send('demand', 'PUT', `/organisations/${DEMO_ORG}/members/${sub}`, operator, undefined));
    for (let i = 0; (await send('consulting', 'GET', '/interviews?limit=1', { sub: buyers.at(-1)!, role: 'enterprise', org: DEMO_ORG }, undefined)).status !== 200; i++) {
      if (i > 200) throw new Error('consulting never learnt the buyers\' membership');
      await new Promise((r) => setTimeout(r, 100));
    }

    const ops: Op[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PER_KIND; i++) {
        const n = `${round}-${i}`;
        const expert: Caller = { sub: li, role: 'expert' };
        const buyer: Caller = { sub: `crash-buyer-${n}`, role: 'enterprise', org: DEMO_ORG };
        const day = new Date(Date.now() + (3 + round * PER_KIND + i) * 86_400_000);
        day.setUTCHours(10, 0, 0, 0);
        ops.push(
          { kind: 'need', key: `need-${n}`, service: 'demand', path: '/needs', who: expert, body: { title: { en: `Need ${n}` }, description: { en: `A need of the crash test, ${n}` }, domain: 'hvac' } },
          { kind: 'proposal', key: `clue-${n}`, service: 'demand', path: `/demands/${demandId}/proposals`, who: expert, body: { kind: 'clue', title: `Clue ${n}`, body: `A clue of the crash test, ${n}` } },
          { kind: 'interview', key: `interview-${n}`, service: 'consulting', path: '/interviews', who: buyer, body: { expertId: li, topic: `crash ${n}`, durationMinutes: 60, slots: [day.toISOString()] } },
          { kind: 'registration', key: `seat-${n}`, service: 'consulting', path: `/meetings/${meetingId}/registrations`, who: buyer, body: { joinWaitingList: true } },
          { kind: 'redemption', key: `redeem-${n}`, service: 'points', path: `/accounts/${li}/redemptions`, who: expert, body: { itemId: 'technical-seminar-seat' } },
          { kind: 'adjustment', key: `adjust-${n}`, service: 'points', path: `/accounts/${li}/adjustments`, who: operator, body: { adjustmentId: randomUUID(), points: 1, reason: `crash test ${n}` } },
        );
      }
    }

    let retries = 0;
    const fire = (op: Op) =>
      send(op.service, 'POST', op.path, op.who, op.body, op.key).then(
        (r) => {
          if (r.status < 500 && r.status !== 409) op.answered = r.status;
          else if (r.status >= 500) throw new Error(`${op.kind} ${op.key}: ${r.status} ${JSON.stringify(r.body)}`);
        },
        () => undefined, // the process died under it: unanswered, retried after the restart
      );
    for (let round = 0; round < ROUNDS; round++) {
      const batch = ops.filter((o) => o.key.includes(`-${round}-`));
      const inFlight = Promise.all(batch.map(fire));
      // A random moment while the batch is being handled: some answered, some half done, some not begun.
      await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 1200)));
      await platform.kill();
      await inFlight;
      const beforeKill = batch.filter((o) => o.answered !== undefined).length;
      await platform.start();
      // Every request sent so far that got no answer goes again with its key, until answered.
      for (let attempt = 0; attempt < 20; attempt++) {
        const open = ops.filter((o) => o.answered === undefined && Number(o.key.split('-').at(-2)) <= round);
        if (open.length === 0) break;
        retries += open.length;
        await Promise.all(open.map(fire));
        if (open.some((o) => o.answered === undefined)) await new Promise((r) => setTimeout(r, 300));
      }
      process.stdout.write(`round ${round + 1}: ${beforeKill}/${batch.length} answered before the kill, ${batch.filter((o) => o.answered !== undefined).length} after the retries\n`);
    }
    const refused = ops.filter((o) => o.answered === undefined || o.answered >= 300);
    expect(refused.map((o) => `${o.kind} ${o.key} ${o.answered}`)).toEqual([]);
    await platform.stop();

    // Effects in the stores: one per distinct key, none twice.
    const count = async (service: string, types: readonly string[], keep: (data: Record<string, unknown>) => boolean = () => true) => {
      const store = SqliteEventStore.open({ file: join(dir, `${service}.events.sqlite`) });
      let n = 0;
      for await (const e of store.readAll()) if (types.includes(e.type) && keep(e.data as Record<string, unknown>)) n++;
      await store.close();
      return n;
    };
    const sent = (kind: Kind) => new Set(ops.filter((o) => o.kind === kind).map((o) => o.key)).size;
    const crashReason = (d: Record<string, unknown>) => String(d['reason'] ?? '').startsWith('crash test ');
    const effects: Record<Kind, number> = {
      need: await count('demand', ['NeedRequested']),
      proposal: (await count('demand', ['ClueSubmitted'])) - 1, // the demo data's one clue
      interview: await count('consulting', ['InterviewRequested'], (d) => String(d['topic'] ?? '').startsWith('crash ')),
      registration: await count('consulting', ['SeatTaken', 'WaitListJoined'], (d) => String(d['participantId'] ?? '').startsWith('crash-buyer-')),
      redemption: await count('points', ['PointsReserved'], (d) => d['itemId'] === 'technical-seminar-seat'),
      adjustment: await count('points', ['PointsAdjusted'], crashReason),
    };
    // Each need reserves 100 points once: a need requested twice would reserve twice.
    const needReservations = await count('points', ['PointsReserved'], (d) => d['itemId'] === 'publish-need');
    const duplicated = { ...Object.fromEntries(Object.entries(effects).map(([k, v]) => [k, v - sent(k as Kind)])), needReservations: needReservations - sent('need') };
    process.stdout.write(`rounds ${ROUNDS}, requests ${ops.length}, retries ${retries}, effects ${JSON.stringify(effects)}, duplicated ${JSON.stringify(duplicated)}\n`);
    expect(duplicated).toEqual({ need: 0, proposal: 0, interview: 0, registration: 0, redemption: 0, adjustment: 0, needReservations: 0 });
  });
});
