// An open-loop load generator: requests leave on a fixed schedule (one every 1000/rate ms), whatever the
// service's answers, and each latency is measured from the instant its request was due, so a stall shows
// in every request it delays. Runs in a child process so it never shares the service's event loop.
//
// Why not autocannon's `overallRate`: it lets each connection send its per-second quota as fast as it
// can at the top of every second (a burst of `rate` requests, not a rate), and records each latency
// with an expected interval of 1 ms, adding hundreds of synthetic samples per slow answer.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface OpenLoopResult {
  readonly 'req/s': number;
  readonly ok: number;
  readonly non2xx: number;
  readonly p50: string;
  readonly p99: string;
  /** Milliseconds, for report(). */
  readonly p50ms: number;
  readonly p99ms: number;
}

interface Spec {
  readonly url: string;
  readonly requests: readonly LoadRequest[];
  readonly rate: number;
  readonly seconds: number;
  readonly connections: number;
}

const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;

/** Drives `requests` (cycled) at `rate` req/s for `seconds` over at most `connections` sockets. */
export async function openLoop(url: string, requests: readonly LoadRequest[], o: { rate: number; seconds: number; connections?: number }): Promise<OpenLoopResult> {
  const spec: Spec = { url, requests, rate: o.rate, seconds: o.seconds, connections: o.connections ?? 64 };
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename], {
      env: { ...process.env, OPEN_LOOP: JSON.stringify(spec) },
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`open-loop generator exited with ${code}`))));
  });
  const r = JSON.parse(out) as { sent: number; ok: number; failed: number; seconds: number; p50: number; p99: number };
  return { 'req/s': Math.round(r.ok / r.seconds), ok: r.ok, non2xx: r.failed, p50: fmt(r.p50), p99: fmt(r.p99), p50ms: r.p50, p99ms: r.p99 };
}

/** The child: sends on schedule, measures from the due time, prints one JSON line. */
async function generate(spec: Spec): Promise<void> {
  const target = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const interval = 1000 / spec.rate;
  const total = Math.round(spec.rate * spec.seconds);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let sent = 0;
  const answered = new Promise<void>((allDone) => {
    const settle = (due: number, good: boolean) => {
      latencies.push(performance.now() - due);
      if (good) ok += 1;
      else failed += 1;
      if (ok + failed === total) allDone();
    };
    const send = (due: number, r: LoadRequest) => {
      const req = request({ host: target.hostname, port: target.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => settle(due, (res.statusCode ?? 0) < 300));
      });
      req.on('error', () => settle(due, false));
      req.end(r.body);
    };
    const started = performance.now();
    const tick = () => {
      const now = performance.now();
      // Every request due by now leaves now, timed from when it was due.
      while (sent < total && started + sent * interval <= now) {
        send(started + sent * interval, spec.requests[sent % spec.requests.length]!);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  const begun = performance.now();
  await answered;
  const seconds = (performance.now() - begun) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  process.stdout.write(JSON.stringify({ sent, ok, failed, seconds, p50: pct(50), p99: pct(99) }));
}

if (require.main === module && process.env.OPEN_LOOP !== undefined) {
  generate(JSON.parse(process.env.OPEN_LOOP) as Spec).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
