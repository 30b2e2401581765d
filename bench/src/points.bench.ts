// Points: rebuilding the balance and leaderboard read models from N earning events beside the raw
// read+parse rate of the same events (same run, same file); redemption latency over HTTP in embedded
// mode beside a balance read; leaderboard top-20 beside a linear scan; as-of for a 10,000-movement account.
// N defaults to 200,000 (about a minute on a laptop); POINTS_BENCH_EVENTS=1000000 runs the issue's size.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner, SqliteEventStore, type Position, type RecordedEvent } from '@hope/eventstore';
import { AggregateHandler, type EventStore, type NewEvent } from '@hope/kernel';
import { startEmbeddedPlatform } from '@hope/platform';
import { applyPragmas, createSchema } from '../../libs/eventstore/src/sqlite/sqlite-schema';
import { AccountAsOf } from '../../services/points/src/application/account-as-of';
import { asOfCheckpointsProjection } from '../../services/points/src/projections/as-of/as-of-checkpoints.projection';
import { SqliteAsOfCheckpointQueries } from '../../services/points/src/projections/as-of/as-of-checkpoints.queries';
import { accountAsOf, accountEventsBefore } from '../../services/points/src/application/account-queries';
import { accounts } from '../../services/points/src/domain/account/account.aggregate';
import type { AccountCommand } from '../../services/points/src/domain/account/account.commands';
import { accountStream } from '../../services/points/src/domain/account/account.events';
import { accountDecider } from '../../services/points/src/domain/account/account.decide';
import { DEFAULT_CATALOGUE } from '../../services/points/src/domain/catalogue/redemption-catalogue';
import { pointsService } from '../../services/points/src/points.service';
import { readTier } from '../../services/points/src/projections/balance/account-tiers';
import { balanceProjection, readBalance } from '../../services/points/src/projections/balance/balance.projection';
import { pointsExpiringBy } from '../../services/points/src/projections/balance/lot-balances';
import { ledgerProjection, readLedger } from '../../services/points/src/projections/ledger/ledger.projection';
import { leaderboardProjection, readLeaderboard } from '../../services/points/src/projections/leaderboard/leaderboard.projection';
import { openLoop, type OpenLoopResult } from './open-loop';
import { quick, report } from './report';

const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

const earnedData = (i: number, expertId: string) => {
  const at = new Date(Date.UTC(2030, i % 12, 1 + (i % 28))).toISOString();
  return {
    expertId,
    lotId: `lot-${i}`,
    points: [5, 20, 50, 200][i % 4]!,
    ruleId: 'plan-adopted',
    ruleVersion: 1,
    sourceEventId: `src-${i}`,
    sourceType: 'PlanAdopted',
    provenance: { proposalId: `p-${i}` },
    earnedAt: at,
    availableAt: at,
    pending: false,
    expiresAt: '2032-01-01T00:00:00.000Z',
  };
};

const reversedData = (i: number, expertId: string) => ({
  expertId,
  sourceEventId: `w-${i}`,
  sourceType: 'ProposalWithdrawn',
  retracted: `proposal:p-${i}`,
  reason: 'proposal-withdrawn',
  lots: [{ lotId: `lot-${i}`, points: [5, 20, 50, 200][i % 4]!, pending: false }],
  debt: 0,
  points: [5, 20, 50, 200][i % 4]!,
  at: '2031-01-01T00:00:00.000Z',
});

/** Writes N PointsEarned events straight into the store's schema (one per account: N accounts), and a PointsReversed on every 10th account. */
function seedStore(file: string, n: number): number {
  const db = new Database(file);
  applyPragmas(db);
  db.pragma('synchronous = OFF');
  createSchema(db);
  const insert = db.prepare('INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, 0, ?, ?, ?, ?, ?)');
  const tx = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(`account-x${i}`, randomUUID(), 'PointsEarned', JSON.stringify(earnedData(i, `x${i}`)), '{}', Date.now());
  });
  for (let i = 0; i < n; i += 10_000) tx(i, Math.min(n, i + 10_000));
  const reverse = db.prepare('INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, 1, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i += 10) reverse.run(`account-x${i}`, randomUUID(), 'PointsReversed', JSON.stringify(reversedData(i, `x${i}`)), '{}', Date.now());
  })();
  db.close();
  return n + Math.ceil(n / 10);
}

export async function runPointsRebuildBench(n = Number(process.env.POINTS_BENCH_EVENTS ?? 200_000)): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-points-bench-'));
  try {
    const file = join(dir, 'points.events.sqlite');
    const total = seedStore(file, n);
    const store = SqliteEventStore.open({ file });

    // The baseline, measured before and after the rebuilds (the mean): the machine's load moves meanwhile.
    // CPU time beside wall time: on a machine loaded far past its cores, wall time mostly measures the queue.
    const cpuSeconds = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    const rawCpu: number[] = [];
    const rawReadRate = () => {
      const started = performance.now();
      const cpuStarted = cpuSeconds();
      const raw = new Database(file, { readonly: true });
      let parsed = 0;
      for (const row of raw.prepare<[], { data: string }>('SELECT data FROM events ORDER BY position').iterate()) parsed += (JSON.parse(row.data) as { points: number }).points > 0 ? 1 : 0;
      raw.close();
      if (parsed !== total) throw new Error(`seeded ${total} events, read ${parsed}`);
      rawCpu.push(parsed / (cpuSeconds() - cpuStarted));
      return parsed / ((performance.now() - started) / 1000);
    };
    const rawBefore = rawReadRate();
    let t = performance.now();

    t = performance.now();
    let last: Position | undefined;
    for await (const e of store.readAll()) last = e.position;
    const adapterRate = total / ((performance.now() - t) / 1000);

    const rows: Record<string, string>[] = [];
    const rebuildRates = new Map<string, number>();
    const rebuildCpuRates = new Map<string, number>();
    for (const projection of [balanceProjection, leaderboardProjection]) {
      const runner = ProjectionRunner.open({ file: join(dir, `${projection.name}.sqlite`), store, projections: [projection] });
      t = performance.now();
      const cpuStarted = cpuSeconds();
      runner.start();
      await runner.waitFor(last!, 3_600_000);
      const rate = total / ((performance.now() - t) / 1000);
      rebuildRates.set(projection.name, rate);
      rebuildCpuRates.set(projection.name, total / (cpuSeconds() - cpuStarted));
      rows.push({ case: `rebuild ${projection.name} from ${n} PointsEarned + ${total - n} PointsReversed (${n} accounts)`, 'events/s': rate.toFixed(0) });
      if (projection === leaderboardProjection) {
        const viaIndex: number[] = [];
        for (let q = 0; q < 200; q++) {
          const s = performance.now();
          readLeaderboard(runner.db, q % 2 ? 'all' : '2030-03', 20);
          viaIndex.push(performance.now() - s);
        }
        const all = runner.db.prepare<[], { expert_id: string; earned: number }>("SELECT expert_id, earned FROM points_leaderboard WHERE period = 'all'").all();
        const scan: number[] = [];
        for (let q = 0; q < 20; q++) {
          const s = performance.now();
          [...all].sort((a, b) => b.earned - a.earned || (a.expert_id < b.expert_id ? -1 : 1)).slice(0, 20);
          scan.push(performance.now() - s);
        }
        console.log(`\nLeaderboard top 20 over ${n} accounts (net of reversals on every 10th)`);
        console.table([
          { method: 'points_leaderboard index (period, earned DESC)', p50: fmt(percentile(viaIndex, 50)), p99: fmt(percentile(viaIndex, 99)) },
          { method: 'baseline: sort all rows in memory', p50: fmt(percentile(scan, 50)), p99: fmt(percentile(scan, 99)) },
        ]);
        report({ group: 'points', name: `leaderboard top-20 p50 over ${n} accounts`, value: percentile(viaIndex, 50), unit: 'ms', baseline: { name: 'sort all rows in memory, p50', value: percentile(scan, 50) }, goal: { value: { max: 0.1 } }, note: 'issue: 0.05 ms p50, keep' });
      }
      await runner.close();
    }
    const rawRate = (rawBefore + rawReadRate()) / 2;
    const vsRaw = (rate: number) => `${((rate / rawRate) * 100).toFixed(1)}%`;
    console.log(`\nRebuild from position 0 (same file, same run)`);
    console.table([
      { case: `raw better-sqlite3 SELECT + JSON.parse of the ${total} events (mean of before and after)`, 'events/s': rawRate.toFixed(0), 'vs raw read+parse': '100%' },
      { case: 'event store readAll (adapter read + parse)', 'events/s': adapterRate.toFixed(0), 'vs raw read+parse': vsRaw(adapterRate) },
      ...rows.map((r) => ({ ...r, 'vs raw read+parse': vsRaw(Number(r['events/s'])) })),
    ]);
    const baseline = { name: 'raw SELECT data + JSON.parse of the same events', value: rawRate };
    const rawCpuRate = rawCpu.reduce((a, b) => a + b, 0) / rawCpu.length;
    for (const [name, rate] of rebuildRates) {
      report({ group: 'points', name: `rebuild ${name} (${total} events)`, value: rate, unit: 'events/s', baseline, goal: { ratio: { min: 0.7 } } });
      report({ group: 'points', name: `rebuild ${name} (${total} events), per CPU second`, value: rebuildCpuRates.get(name)!, unit: 'events/CPU-s', baseline: { ...baseline, value: rawCpuRate }, goal: { ratio: { min: 0.7 } } });
    }
    const balanceRate = rebuildRates.get(balanceProjection.name)!;
    report({
      group: 'points',
      name: 'rebuild points_balances, 1,000,000 events',
      value: n >= 1_000_000 ? total / balanceRate : 1_000_000 / balanceRate,
      unit: 's',
      goal: { value: { max: 10 } },
      note: n >= 1_000_000 ? `measured on ${total} events` : `projected from the rate on ${total} events (POINTS_BENCH_EVENTS=1000000 measures it)`,
    });

    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The earlier as-of, kept as the baseline: every event applied to the balance and ledger projections in a scratch :memory: db. */
function asOfViaScratchDb(events: RecordedEvent[], expertId: string, until: Date) {
  const db = new Database(':memory:');
  try {
    for (const p of [balanceProjection, ledgerProjection]) db.exec(p.schema);
    db.transaction(() => events.forEach((e) => [balanceProjection, ledgerProjection].forEach((p) => (p.filter.eventTypes === undefined || p.filter.eventTypes.includes(e.type)) && p.apply(db, e))))();
    return { balance: readBalance(db, expertId), tier: readTier(db, expertId), expiringIn30Days: pointsExpiringBy(db, expertId, new Date(until.getTime() + 30 * 86_400_000)), ledger: readLedger(db, expertId, 0, 50) };
  } finally {
    db.close();
  }
}

/**
 * As-of for one account with 10,000 movements (`POINTS_BENCH_PART=as-of` runs only this): the first
 * question after a restart (new store, read-model connection and as-of instance over the same files,
 * nothing in memory; the OS file cache stays warm) and warm questions, beside the full fold.
 */
export async function runAsOfBench(movements = quick() ? 2_000 : 10_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-points-bench-asof-'));
  const storeFile = join(dir, 'points.events.sqlite');
  const readFile = join(dir, 'points.projections.sqlite');
  const store = SqliteEventStore.open({ file: storeFile });
  try {
    const stream = Array.from({ length: movements }, (_, i) => ({ id: randomUUID(), type: 'PointsEarned', data: earnedData(i, 'heavy') }));
    let end: Position | undefined;
    for (let i = 0; i < stream.length; i += 1_000) end = (await store.append('account-heavy', stream.slice(i, i + 1_000))).position;
    // The points_as_of projection stores the checkpoints (from 0 in bulk, as at a first start or a rebuild).
    const built = performance.now();
    const runner = ProjectionRunner.open({ file: readFile, store, projections: [asOfCheckpointsProjection] });
    runner.start();
    await runner.waitFor(end!, 600_000);
    const buildMs = performance.now() - built;
    const size = runner.db.prepare<[], { rows: number; bytes: number }>('SELECT count(*) AS rows, sum(length(state)) AS bytes FROM points_as_of_checkpoints').get()!;
    await runner.close();
    const account = new AggregateHandler(store, accounts);
    const events = (until: Date) => accountEventsBefore(store, 'heavy', until);
    const until = new Date(Date.now() + 1_000);
    const recorded = await events(until);
    const middle = recorded[recorded.length >> 1]!;
    const then = new Date(middle.recordedAt.getTime() + 1);
    /** Wall-clock p50/p99 and the median CPU time of the process (threads included), which the machine's load inflates less. */
    const timed = async (f: () => Promise<unknown>) => {
      const cpu = process.cpuUsage();
      const s = performance.now();
      await f();
      const wall = performance.now() - s;
      const used = process.cpuUsage(cpu);
      return { wall, cpu: (used.user + used.system) / 1000 };
    };
    const summary = (runs: { wall: number; cpu: number }[]) => {
      const ms = runs.map((r) => r.wall);
      return { p50: fmt(percentile(ms, 50)), p99: fmt(percentile(ms, 99)), 'CPU p50': fmt(percentile(runs.map((r) => r.cpu), 50)), ms };
    };
    const time = async (runs: number, f: () => unknown) => {
      const out: { wall: number; cpu: number }[] = [];
      for (let q = 0; q < runs; q++) out.push(await timed(async () => f()));
      return summary(out);
    };
    /** Opens the files as a restarted process does, times its first question, closes them. */
    const afterRestart = async (runs: number, stored: boolean, question: (asOf: AccountAsOf) => Promise<unknown>) => {
      const out: { wall: number; cpu: number }[] = [];
      for (let q = 0; q < runs; q++) {
        const restarted = SqliteEventStore.open({ file: storeFile });
        // A started service has its store's writer thread up before it serves: its start-up is not the question's.
        await restarted.checkpoints.store('bench-started', { commit: 0n, prepare: 0n });
        const db = new Database(readFile);
        try {
          const asOf = new AccountAsOf(restarted, stored ? { stored: new SqliteAsOfCheckpointQueries(db) } : {});
          out.push(await timed(() => question(asOf)));
        } finally {
          db.close();
          await restarted.close();
        }
      }
      return summary(out);
    };
    const now = (asOf: AccountAsOf) => asOf.at('heavy', until, { after: 0, limit: 50 });
    const past = (asOf: AccountAsOf) => asOf.at('heavy', then, { after: Number(middle.position.commit), limit: 50 });
    const firstNow = await afterRestart(quick() ? 3 : 15, true, now);
    const firstPast = await afterRestart(quick() ? 3 : 15, true, past);
    const firstInMemoryOnly = await afterRestart(3, false, now);
    const db = new Database(readFile);
    const checkpoints = new AccountAsOf(store, { stored: new SqliteAsOfCheckpointQueries(db) });
    const warm = await time(50, () => now(checkpoints));
    const warmPast = await time(50, () => past(checkpoints));
    db.close();
    const fullFold = await time(10, async () => accountAsOf(await events(until), until, { after: 0, limit: 50 }));
    const scratch = await time(quick() ? 2 : 5, async () => asOfViaScratchDb(await events(until), 'heavy', until));
    // The account fold alone (what every command on the account loads): linear since the lots are a persistent table.
    const fold = await time(10, () => account.load('heavy'));
    const read = await time(10, () => events(until));
    const p50 = (r: { ms: number[] }) => percentile(r.ms, 50);
    console.log(`\nAs-of query, account with ${movements} movements (load average ${loadAverage()})`);
    const note = `checkpoints stored by points_as_of: ${size.rows} rows, ${(size.bytes / 1e6).toFixed(1)} MB of deltas, built in ${fmt(buildMs)}`;
    report({ group: 'points', name: `as-of p50, first question after a restart, account with ${movements} movements`, value: p50(firstNow), unit: 'ms', baseline: { name: 'full fold (stream read + fold), p50', value: p50(fullFold) }, goal: { value: { max: 20 } }, note });
    report({ group: 'points', name: `as-of p50, warm, account with ${movements} movements`, value: p50(warm), unit: 'ms', baseline: { name: 'full fold (stream read + fold), p50', value: p50(fullFold) }, goal: { value: { max: 20 } } });
    console.log(`  ${note}`);
    const row = (method: string, r: { p50: string; p99: string; 'CPU p50': string }) => ({ method, p50: r.p50, p99: r.p99, 'CPU p50': r['CPU p50'] });
    console.table([
      row('?asOf= now, first question after a restart (from the stored checkpoints)', firstNow),
      row('?asOf= half-way back + a ledger page there, first question after a restart', firstPast),
      row('?asOf= now, first question after a restart, without stored checkpoints (one full fold)', firstInMemoryOnly),
      row('?asOf= now, warm (checkpoints in memory)', warm),
      row('?asOf= half-way back + a ledger page there, warm', warmPast),
      row('baseline: full fold (stream read + balance, lots and a ledger page folded in memory)', fullFold),
      row('earlier: stream read + balance and ledger projections into a :memory: db', scratch),
      row('account fold (stream read + evolve, as a command loads it)', fold),
      row('stream read alone', read),
    ]);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What autocannon measured, run in a child process so the load generator does not share the service's event loop. */
interface Cannon {
  'req/s': number;
  ok: number;
  non2xx: number;
  p50: string;
  p99: string;
}

/** Drives `requests` (cycled) against `url` from a separate process: `rate` = fixed overall req/s (open loop), else as fast as `connections` allow. */
async function cannon(url: string, requests: { method: string; path: string; headers: Record<string, string>; body?: string }[], o: { connections: number; seconds: number; rate?: number }): Promise<Cannon> {
  const script = `
    const autocannon = require('autocannon');
    const { url, requests, o } = JSON.parse(process.env.CANNON);
    let n = 0;
    autocannon({ url, connections: o.connections, duration: o.seconds, ...(o.rate ? { overallRate: o.rate } : {}),
      requests: [{ setupRequest: (req) => ({ ...req, ...requests[n++ % requests.length] }) }] }, (err, r) => {
      if (err) throw err;
      process.stdout.write(JSON.stringify({ rps: r.requests.average, total: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts, p50: r.latency.p50, p99: r.latency.p99 }));
    });`;
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, CANNON: JSON.stringify({ url, requests, o }) }, cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`autocannon exited with ${code}`))));
  });
  const r = JSON.parse(out) as { rps: number; total: number; non2xx: number; errors: number; p50: number; p99: number };
  return { 'req/s': Math.round(r.rps), ok: r.total - r.non2xx - r.errors, non2xx: r.non2xx + r.errors, p50: fmt(r.p50), p99: fmt(r.p99) };
}

/** CPU this process spent per answered request while `run` drove it: all threads, and the event loop's thread alone (Linux). */
async function withCpu<T extends { ok: number }>(run: () => Promise<T>): Promise<T & { 'CPU µs/req': number; 'loop µs/req': number }> {
  const loopCpuMs = (): number => {
    try {
      const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
    } catch {
      return Number.NaN;
    }
  };
  const cpu0 = process.cpuUsage();
  const loop0 = loopCpuMs();
  const r = await run();
  const cpu = process.cpuUsage(cpu0);
  const n = Math.max(1, r.ok);
  return { ...r, 'CPU µs/req': Math.round((cpu.user + cpu.system) / n), 'loop µs/req': Math.round(((loopCpuMs() - loop0) * 1000) / n) };
}

/** Appends `n` reservations (and the grants they spend) to an account straight through the decider: a long history in seconds, not minutes. */
export async function seedReservations(store: EventStore, expertId: string, n: number): Promise<void> {
  const now = new Date();
  const item = DEFAULT_CATALOGUE.items.find((i) => i.id === 'technical-seminar-seat')!;
  let state = accountDecider.initialState;
  const events: NewEvent[] = [];
  const run = (cmd: AccountCommand) => {
    const out = accountDecider.decide(cmd, state);
    state = out.reduce(accountDecider.evolve, state);
    events.push(...out.map((e) => ({ id: randomUUID(), type: e.type, data: e.data })));
  };
  for (let g = 0; g * 100_000 < (n + 10_000) * item.price; g++) {
    run({ type: 'AdjustPoints', data: { expertId, adjustmentId: randomUUID(), points: 100_000, reason: 'bench grant', by: 'op', expiry: { kind: 'rolling', months: 24 } }, metadata: { now } });
  }
  const timeoutAt = new Date(now.getTime() + 86_400_000);
  for (let i = 0; i < n; i++) run({ type: 'ReservePoints', data: { expertId, reservationId: randomUUID(), item, timeoutAt, requestedBy: expertId, requesterRole: 'expert' }, metadata: { now } });
  for (let i = 0; i < events.length; i += 1_000) await store.append(accountStream(expertId), events.slice(i, i + 1_000));
}

/**
 * The floor under the redemption figures, in this process as the service runs: a bare node:http server
 * answering each POST with a small JSON body, and the same server committing one row per request with raw
 * better-sqlite3 on the event loop (WAL, synchronous=FULL: what the store did before its writer thread).
 */
async function bareServer(dir: string, withSqlite: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const db = withSqlite ? new Database(join(dir, 'bare.sqlite')) : undefined;
  let insert: ((body: string) => void) | undefined;
  if (db) {
    applyPragmas(db);
    createSchema(db);
    const stmt = db.prepare<[number, string, string, number]>("INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES ('bare', ?, ?, 'PointsReserved', ?, '{}', ?)");
    let revision = 0;
    insert = (body) => stmt.run(revision++, randomUUID(), body, Date.now());
  }
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      insert?.(body || '{}');
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ reservationId: randomUUID(), status: 'reserved' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      db?.close();
    },
  };
}

/**
 * Redemption over HTTP in embedded mode (issue 14's goals): p50/p99 at a fixed 200 req/s and at 1,000 req/s
 * (open loop, latency from each request's due time), the most redemptions/s 64 connections get (p99 beside
 * it), beside a read-model GET and bare node:http servers (with and without a raw SQLite commit per
 * request) driven the same way; and one account's latency with 100 vs 10,000 earlier reservations.
 */
export async function runRedemptionBench(seconds = Number(process.env.POINTS_BENCH_SECONDS ?? 10), experts = 64): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-points-bench-http-'));
  const platform = await startEmbeddedPlatform({ services: [pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  try {
    const url = platform.services.get('points')!.url;
    const store = platform.stores.get('points')!;
    const ids = Array.from({ length: experts }, (_, i) => `bench-${i}`);
    const tokens = await Promise.all(ids.map((sub) => platform.devIssuer.issue({ sub, role: 'expert' })));
    for (const id of ids) await seedReservations(store, id, 0);
    const headers = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
    const redeem = ids.map((id, i) => ({ method: 'POST', path: `/accounts/${id}/redemptions`, headers: headers(tokens[i]!), body: JSON.stringify({ itemId: 'technical-seminar-seat' }) }));
    const read = ids.map((id, i) => ({ method: 'GET', path: `/accounts/${id}/ledger?limit=1`, headers: headers(tokens[i]!) }));
    // Warm-up: every account folded and cached, every token verified once, JIT settled.
    await cannon(url, redeem, { connections: 16, seconds: 2 });

    const rows: Record<string, string | number>[] = [];
    const at200 = await openLoop(url, redeem, { rate: 200, seconds });
    const readAt200 = await openLoop(url, read, { rate: 200, seconds });
    const at1000 = await openLoop(url, redeem, { rate: 1_000, seconds });
    const most = await withCpu(() => cannon(url, redeem, { connections: 64, seconds }));
    const readMost = await withCpu(() => cannon(url, read, { connections: 64, seconds }));
    const bare: Record<string, { at200: OpenLoopResult; at1000: OpenLoopResult; most: Cannon & { 'CPU µs/req': number; 'loop µs/req': number } }> = {};
    for (const withSqlite of [false, true]) {
      const server = await bareServer(dir, withSqlite);
      try {
        await cannon(server.url, redeem, { connections: 16, seconds: 1 });
        bare[withSqlite ? 'sqlite' : 'http'] = {
          at200: await openLoop(server.url, redeem, { rate: 200, seconds }),
          at1000: await openLoop(server.url, redeem, { rate: 1_000, seconds }),
          most: await withCpu(() => cannon(server.url, redeem, { connections: 64, seconds })),
        };
      } finally {
        await server.close();
      }
    }
    const { http, sqlite } = bare as Record<'http' | 'sqlite', (typeof bare)[string]>;
    const clean = ({ p50ms: _a, p99ms: _b, ...r }: OpenLoopResult) => r;
    rows.push({ case: 'POST /redemptions at 200 req/s, open loop (goal p99 < 25 ms)', ...clean(at200) });
    rows.push({ case: 'POST /redemptions at 1,000 req/s, open loop (goal p99 < 100 ms)', ...clean(at1000) });
    rows.push({ case: 'POST /redemptions, 64 connections, closed loop (goal >= 1,000/s)', ...most });
    rows.push({ case: 'baseline: GET /ledger?limit=1 at 200 req/s, open loop', ...clean(readAt200) });
    rows.push({ case: 'baseline: GET /ledger?limit=1, 64 connections', ...readMost });
    rows.push({ case: 'baseline: bare node:http POST at 200 req/s', ...clean(http.at200) });
    rows.push({ case: 'baseline: bare node:http POST at 1,000 req/s', ...clean(http.at1000) });
    rows.push({ case: 'baseline: bare node:http POST, 64 connections', ...http.most });
    rows.push({ case: 'baseline: bare node:http + raw SQLite commit (FULL) at 200 req/s', ...clean(sqlite.at200) });
    rows.push({ case: 'baseline: bare node:http + raw SQLite commit (FULL) at 1,000 req/s', ...clean(sqlite.at1000) });
    rows.push({ case: 'baseline: bare node:http + raw SQLite commit (FULL), 64 connections', ...sqlite.most });
    const bareName = (what: string) => `bare node:http + raw SQLite commit per request (FULL, event loop), ${what}`;
    report({ group: 'points', name: 'redemption p99 at 200 req/s, open loop (HTTP, embedded)', value: at200.p99ms, unit: 'ms', baseline: { name: bareName('p99 at 200 req/s'), value: sqlite.at200.p99ms }, goal: { value: { max: 25 } }, note: `p50 ${at200.p50}; bare node:http p99 ${http.at200.p99}; GET /ledger p99 ${readAt200.p99}` });
    report({ group: 'points', name: 'redemption p99 at 1,000 req/s, open loop (HTTP, embedded)', value: at1000.p99ms, unit: 'ms', baseline: { name: bareName('p99 at 1,000 req/s'), value: sqlite.at1000.p99ms }, goal: { value: { max: 100 } }, note: `${at1000['req/s']} req/s answered, p50 ${at1000.p50}; bare node:http p99 ${http.at1000.p99}` });
    report({ group: 'points', name: 'redemptions/s, 64 connections (HTTP, embedded)', value: most['req/s'], unit: 'req/s', baseline: { name: 'bare node:http POST req/s, 64 connections', value: http.most['req/s'] }, goal: { value: { min: 1000 } }, note: `p99 ${most.p99}; GET /ledger ${readMost['req/s']} req/s; bare + raw SQLite ${sqlite.most['req/s']} req/s` });
    report({ group: 'points', name: 'redemption CPU per request, 64 connections (HTTP, embedded; this process, all threads)', value: most['CPU µs/req'], unit: 'µs', baseline: { name: 'bare node:http + raw SQLite commit, CPU per request', value: sqlite.most['CPU µs/req'] }, note: `event loop's thread ${most['loop µs/req']} µs (bare + SQLite ${sqlite.most['loop µs/req']}); GET /ledger ${readMost['CPU µs/req']} µs (loop ${readMost['loop µs/req']}); bare node:http ${http.most['CPU µs/req']} µs` });
    console.log(`\nRedemption over HTTP (embedded, ${experts} experts, own tokens, ${seconds} s each, load generators in a child process; load average ${loadAverage()})`);
    console.table(rows);

    // History: one connection at a time on one account each, after the account is folded once.
    const history: Record<string, string | number>[] = [];
    for (const prior of [100, 10_000]) {
      const id = `history-${prior}`;
      await seedReservations(store, id, prior);
      const token = await platform.devIssuer.issue({ sub: id, role: 'expert' });
      const one = [{ method: 'POST', path: `/accounts/${id}/redemptions`, headers: headers(token), body: JSON.stringify({ itemId: 'technical-seminar-seat' }) }];
      await cannon(url, one, { connections: 1, seconds: 1 });
      history.push({ case: `POST /redemptions, one account with ${prior} earlier reservations, 1 connection`, ...(await cannon(url, one, { connections: 1, seconds: Math.max(3, seconds / 2) })) });
    }
    console.log(`\nRedemption latency vs the account's history (load average ${loadAverage()})`);
    console.table(history);
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `POINTS_BENCH_PART=rebuild|as-of|redemption` runs one part; unset: all three. */
export async function runPointsBench(part = process.env.POINTS_BENCH_PART): Promise<void> {
  if (!part || part === 'rebuild') await runPointsRebuildBench();
  if (!part || part === 'as-of') await runAsOfBench();
  if (!part || part === 'redemption') await runRedemptionBench();
}

if (require.main === module) {
  runPointsBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
