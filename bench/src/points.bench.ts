// Points: rebuilding the balance and leaderboard read models from N earning events beside the raw
// read+parse rate of the same events (same run, same file); redemption latency over HTTP in embedded
// mode beside a balance read; leaderboard top-20 beside a linear scan; as-of for a 10,000-movement account.
// N defaults to 200,000 (about a minute on a laptop); POINTS_BENCH_EVENTS=1000000 runs the issue's size.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner, SqliteEventStore, type Position, type RecordedEvent } from '@hope/eventstore';
import { AggregateHandler } from '@hope/kernel';
import { startEmbeddedPlatform } from '@hope/platform';
import { applyPragmas, createSchema } from '../../libs/eventstore/src/sqlite/sqlite-schema';
import { accountAsOf, accountEventsBefore } from '../../services/points/src/application/account-queries';
import { accounts } from '../../services/points/src/domain/account/account.aggregate';
import { pointsService } from '../../services/points/src/points.service';
import { readTier } from '../../services/points/src/projections/balance/account-tiers';
import { balanceProjection, readBalance } from '../../services/points/src/projections/balance/balance.projection';
import { pointsExpiringBy } from '../../services/points/src/projections/balance/lot-balances';
import { ledgerProjection, readLedger } from '../../services/points/src/projections/ledger/ledger.projection';
import { leaderboardProjection, readLeaderboard } from '../../services/points/src/projections/leaderboard/leaderboard.projection';
import { quick, report } from './report';

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

/** As-of for one account with 10,000 movements (`POINTS_BENCH_PART=as-of` runs only this). */
export async function runAsOfBench(movements = quick() ? 2_000 : 10_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-points-bench-asof-'));
  const store = SqliteEventStore.open({ file: join(dir, 'points.events.sqlite') });
  try {
    const stream = Array.from({ length: movements }, (_, i) => ({ id: randomUUID(), type: 'PointsEarned', data: earnedData(i, 'heavy') }));
    for (let i = 0; i < stream.length; i += 1_000) await store.append('account-heavy', stream.slice(i, i + 1_000));
    const account = new AggregateHandler(store, accounts);
    const events = (until: Date) => accountEventsBefore(store, 'heavy', until);
    const until = new Date(Date.now() + 1_000);
    const time = async (runs: number, f: () => unknown) => {
      const ms: number[] = [];
      for (let q = 0; q < runs; q++) {
        const s = performance.now();
        await f();
        ms.push(performance.now() - s);
      }
      return { p50: fmt(percentile(ms, 50)), p99: fmt(percentile(ms, 99)) };
    };
    const asOf = await time(10, async () => accountAsOf(await events(until), until, { after: 0, limit: 50 }));
    const scratch = await time(10, async () => asOfViaScratchDb(await events(until), 'heavy', until));
    // The account fold alone (what every command on the account loads): linear since the lots are a persistent table.
    const fold = await time(10, () => account.load('heavy'));
    const read = await time(10, () => events(until));
    console.log(`\nAs-of query, account with ${movements} movements`);
    report({ group: 'points', name: `as-of p50, account with ${movements} movements`, value: parseFloat(asOf.p50), unit: 'ms', baseline: { name: 'stream read alone, p50', value: parseFloat(read.p50) }, goal: { value: { max: 20 } } });
    console.table([
      { method: '?asOf= (stream read + balance, lots and a ledger page folded in memory)', ...asOf },
      { method: 'before: stream read + balance and ledger projections into a :memory: db', ...scratch },
      { method: 'account fold (stream read + evolve, as a command loads it)', ...fold },
      { method: 'baseline: stream read alone', ...read },
    ]);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runRedemptionBench(durationMs = quick() ? 1_000 : 3_000, concurrency = 16): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-points-bench-http-'));
  const platform = await startEmbeddedPlatform({ services: [pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  try {
    const url = platform.services.get('points')!.url;
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const r = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      await r.text();
      return r.status;
    };
    const op = await platform.devIssuer.issue({ sub: 'op', role: 'operator' });
    const experts = Array.from({ length: concurrency }, (_, i) => `bench-${i}`);
    const tokens = await Promise.all(experts.map((sub) => platform.devIssuer.issue({ sub, role: 'expert' })));
    for (const e of experts) await call(op, 'POST', `/accounts/${e}/adjustments`, { adjustmentId: randomUUID(), points: 100_000, reason: 'bench grant' });

    const measure = async (step: (w: number) => Promise<number>) => {
      const latencies: number[] = [];
      let ok = 0;
      const until = performance.now() + durationMs;
      await Promise.all(
        experts.map(async (_, w) => {
          while (performance.now() < until) {
            const s = performance.now();
            if ((await step(w)) < 300) ok += 1;
            latencies.push(performance.now() - s);
          }
        }),
      );
      return { 'req/s': Math.round(ok / (durationMs / 1000)), ok, p50: fmt(percentile(latencies, 50)), p99: fmt(percentile(latencies, 99)) };
    };
    const redeem = await measure((w) => call(tokens[w]!, 'POST', `/accounts/${experts[w]}/redemptions`, { itemId: 'technical-seminar-seat' }));
    const read = await measure((w) => call(tokens[w]!, 'GET', `/accounts/${experts[w]}/ledger?limit=1`));
    console.log(`\nRedemption over HTTP (embedded, ${concurrency} experts in parallel, one account each, ${durationMs} ms)`);
    console.table([
      { case: 'POST /redemptions (reserve 80, read-your-writes)', ...redeem },
      { case: 'baseline: GET /ledger?limit=1 (read model only)', ...read },
    ]);
    report({ group: 'points', name: `redemption over HTTP, ${concurrency} clients, p99`, value: parseFloat(redeem.p99), unit: 'ms', baseline: { name: 'GET /ledger p99', value: parseFloat(read.p99) }, goal: { value: { max: 100 } } });
    report({ group: 'points', name: `redemption over HTTP, ${concurrency} clients, throughput`, value: redeem['req/s'], unit: 'req/s', baseline: { name: 'GET /ledger', value: read['req/s'] }, goal: { value: { min: 1_000 } } });
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
