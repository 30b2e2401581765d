import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { namespaced, SqliteEventStore } from '@hope/eventstore';

/** Runs the CLI as a user would (a process), collecting stdout as bytes (Parquet goes there too). */
const hope = (...args: string[]): Promise<{ status: number | null; stdout: Buffer; stderr: string }> =>
  new Promise((done) => {
    const child = spawn(process.execPath, [resolve(__dirname, '../bin/hope.js'), ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('close', (status) => done({ status, stdout: Buffer.concat(out), stderr }));
  });

const freePort = (): Promise<number> =>
  new Promise((done) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

/** Progress lines on stderr (not a terminal: one line per redraw): service, percent, exported, read. */
const bars = (stderr: string) =>
  [...stderr.matchAll(/^(\w+) \[[#.]+\]\s+([\d.]+) %\s+(\d+) exported \/ (\d+) read/gm)].map((m) => ({ service: m[1], percent: Number(m[2]), exported: Number(m[3]), read: Number(m[4]) }));

describe('hope CLI as a process: --out -, a progress bar that moves for every service, typed sql, clear network errors, exit code 2 for errors', () => {
  jest.setTimeout(120_000);
  let dir: string;
  const sizes = { demand: 3_000, points: 1_200 };
  const events = (n: number, base: number) => Array.from({ length: n }, (_, i) => ({ id: randomUUID(), type: 'Noted', data: { n: base + i, text: 'a "quoted", text' } }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-cli-io-'));
    const shared = SqliteEventStore.open({ file: join(dir, 'shared.sqlite') });
    for (const [service, size] of Object.entries(sizes)) {
      const store = SqliteEventStore.open({ file: join(dir, `${service}.events.sqlite`) });
      for (let b = 0; b < size; b += 500) await store.append(`${service}-${b}`, events(Math.min(500, size - b), b));
      await store.close();
      // Both services in one shared store, interleaved: each service's positions start far from 0.
      const ns = namespaced(shared, service);
      for (let b = 0; b < size; b += 500) await ns.append(`${service}-${b}`, events(Math.min(500, size - b), b));
    }
    await shared.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--out - writes the rows to stdout (jsonl, csv, parquet) and keeps progress on stderr; --resume needs a file', async () => {
    const jsonl = await hope('export', '--service', 'demand', '--data-dir', dir, '--out', '-');
    expect(jsonl.status).toBe(0);
    const rows = jsonl.stdout.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: string });
    expect(rows).toHaveLength(sizes.demand);
    expect(JSON.parse(rows[0]!.data)).toEqual({ n: 0, text: 'a "quoted", text' });
    expect(jsonl.stderr).toMatch(/demand: exported 3000 events/);

    const csv = await hope('export', '--service', 'points', '--data-dir', dir, '--out', '-', '--format', 'csv');
    expect(csv.status).toBe(0);
    expect(csv.stdout.toString('utf8').split('\n')[0]).toBe('position,stream,revision,id,type,version,recordedAt,correlationId,causationId,data');

    const parquet = await hope('export', '--service', 'points', '--data-dir', dir, '--out', '-', '--format', 'parquet');
    expect(parquet.status).toBe(0);
    expect(parquet.stdout.subarray(0, 4).toString('latin1')).toBe('PAR1');
    const file = join(dir, 'from-stdout.parquet');
    writeFileSync(file, parquet.stdout);
    const counted = await hope('sql', 'SELECT count(*) AS n FROM events', '--file', file, '--format', 'json');
    expect(JSON.parse(counted.stdout.toString('utf8'))).toEqual([{ n: sizes.points }]);

    expect(await hope('export', '--service', 'demand', '--data-dir', dir, '--out', '-', '--resume')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--resume needs a file/) });
  });

  it.each([
    ['demand', []],
    ['points', []],
    ['demand', ['--store', 'shared']],
    ['points', ['--store', 'shared']],
  ])('the progress bar of %s %j starts near 0 %%, never goes back, and ends at 100 %% with the final counts', async (service, extra) => {
    const store = extra.length ? ['--store', `sqlite:${join(dir, 'shared.sqlite')}`] : [];
    const r = await hope('export', '--service', service, '--data-dir', dir, ...store, '--out', join(dir, `${service}-${store.length}.jsonl`));
    expect(r.status).toBe(0);
    const drawn = bars(r.stderr);
    const size = sizes[service as keyof typeof sizes];
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    expect(drawn.every((b) => b.service === service)).toBe(true);
    expect(drawn[0]!.percent).toBeLessThan(1);
    expect(drawn.at(-1)).toEqual({ service, percent: 100, exported: size, read: size });
    for (let i = 1; i < drawn.length; i++) {
      expect(drawn[i]!.percent).toBeGreaterThanOrEqual(drawn[i - 1]!.percent);
      expect(drawn[i]!.read).toBeGreaterThan(drawn[i - 1]!.read);
    }
    expect(r.stderr).toMatch(new RegExp(`${service}: exported ${size} events \\(${size} read\\)`));
  });

  it('sql prints numbers as numbers: json keeps the types, the table shows them unquoted', async () => {
    const file = join(dir, 'typed.jsonl');
    expect((await hope('export', '--service', 'points', '--data-dir', dir, '--out', file)).status).toBe(0);
    const q = "SELECT type, count(*) AS n, sum(revision) AS total, avg(revision) AS mean, max(revision) > 0 AS some, 2.50::DECIMAL(4,2) AS price FROM events GROUP BY type";
    const json = await hope('sql', q, '--file', file, '--format', 'json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout.toString('utf8'))).toEqual([{ type: 'Noted', n: 1200, total: expect.any(Number), mean: expect.any(Number), some: true, price: 2.5 }]);
    const jsonl = await hope('sql', 'SELECT count(*) AS n FROM events', '--file', file, '--format', 'jsonl');
    expect(jsonl.stdout.toString('utf8')).toBe('{"n":1200}\n');
    const table = (await hope('sql', 'SELECT count(*) AS n FROM events', '--file', file)).stdout.toString('utf8');
    expect(table).toMatch(/│ 1200 /);
    expect(table).not.toMatch(/'1200'/);
  });

  describe('a URL the CLI cannot reach: what failed, why, what to check; exit 2', () => {
    let silent: Server;
    let silentPort: number;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      // Accepts connections and never answers.
      silent = createServer((socket) => void sockets.add(socket));
      await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
      silentPort = (silent.address() as { port: number }).port;
    });
    afterAll(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((done) => silent.close(() => done()));
    });

    it('refused, timed out, not a URL', async () => {
      const port = await freePort();
      const refused = await hope('rebuild', '--url', `http://127.0.0.1:${port}`, '--projection', 'balances', '--token', 't');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port} \\(POST /ops/projections/balances/rebuild\\): connection refused \\(ECONNREFUSED\\): is the service running`));
      expect(refused.stderr).not.toMatch(/fetch failed/);

      const slow = await hope('rebuild', '--url', `http://127.0.0.1:${silentPort}`, '--projection', 'balances', '--token', 't', '--timeout', '1');
      expect(slow).toMatchObject({ status: 2, stderr: expect.stringMatching(new RegExp(`no answer from http://127\\.0\\.0\\.1:${silentPort} within 1 s \\(timeout\\)`)) });

      expect(await hope('rebuild', '--url', 'localhost:3001', '--projection', 'balances', '--token', 't')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--url localhost:3001 is not an http\(s\) URL/) });
    });
  });

  it('an unknown service, a missing data directory or a missing file is an error (exit 2) for every command that reads them', async () => {
    const nowhere = join(dir, 'nowhere');
    const cases = [
      [['export', '--service', 'pionts', '--out', '-', '--data-dir', dir], /Allowed choices are demand, matching, consulting, points/],
      [['asof', '--service', 'pionts', '--at', '2030-01-01T00:00:00Z', '--sql', 'SELECT 1', '--data-dir', dir], /Allowed choices/],
      [['export', '--service', 'points', '--out', '-', '--data-dir', nowhere], /no points store at .*nowhere/],
      [['asof', '--service', 'points', '--at', '2030-01-01T00:00:00Z', '--sql', 'SELECT 1', '--data-dir', nowhere], /no points store at .*nowhere/],
      [['verify', '--data-dir', nowhere], /no \w+ store at .*nowhere/],
      [['sql', 'SELECT 1', '--file', join(nowhere, 'x.jsonl')], /no such file: .*nowhere/],
    ] as const;
    for (const [args, message] of cases) {
      const r = await hope(...args);
      expect({ args, status: r.status, stdout: r.stdout.toString('utf8') }).toEqual({ args, status: 2, stdout: '' });
      expect(r.stderr).toMatch(message);
    }
  });
});
