// Consulting: booking throughput and p99 over HTTP in embedded mode (request + acceptance, each expert's
// calendar one stream) beside a read of the same booking on the same server; the free-slot query for an
// expert with a year of confirmed bookings beside the single-row availability read and beside folding
// the whole calendar stream (what the query would cost without the bookings read model).
// Run: node -r @swc-node/register bench/src/consulting.bench.ts
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '@hope/eventstore';
import { AggregateHandler } from '@hope/kernel';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { consultingService } from '../../services/consulting/src/consulting.service';
import { knownExperts } from '../../services/consulting/src/domain/directory/directory.aggregate';
import { calendars } from '../../services/consulting/src/domain/interview/interview.aggregate';
import type { InterviewEvent } from '../../services/consulting/src/domain/interview/interview.events';
import { quick, report } from './report';

const H = 3_600_000;
const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

/**
 * One request on a fresh connection (`agent: false`). fetch reuses a pooled keep-alive socket, and the
 * free-slot part leaves the connection idle for seconds (the stream folds) past the server's 5 s
 * keep-alive timeout: the next POST then went out on a socket the server was closing (ECONNRESET).
 */
const caller = (platform: EmbeddedPlatform) => {
  const url = new URL(platform.services.get('consulting')!.url);
  return (token: string, method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: { interviewId?: string } }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        { host: url.hostname, port: url.port, method, path, agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(payload ? { 'content-length': Buffer.byteLength(payload) } : {}) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as { interviewId?: string }) : {} }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
};

/** Runs `step` from `workers` loops for `durationMs`; counts answers below 300 as successes. */
const measure = async (workers: number, durationMs: number, step: (w: number, n: number) => Promise<number>) => {
  const latencies: number[] = [];
  let ok = 0;
  const until = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let n = 0; performance.now() < until; n++) {
        const s = performance.now();
        if ((await step(w, n)) < 300) ok += 1;
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { 'ops/s': Math.round(ok / (durationMs / 1000)), ok, p50: fmt(percentile(latencies, 50)), p99: fmt(percentile(latencies, 99)) };
};

export async function runBookingBench(durationMs = quick() ? 1_000 : 3_000, workers = 16): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-consulting-bench-'));
  const platform = await startEmbeddedPlatform({ services: [consultingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  // Enterprise callers act for their organisation only as members (membership demand would publish).
  await grantMemberships(platform, [{ organisationId: 'org-bench', subject: 'bench-buyer' }, { organisationId: 'org-x', subject: 'asker' }]);
  try {
    const call = caller(platform);
    const buyer = await platform.devIssuer.issue({ sub: 'bench-buyer', role: 'enterprise', org: 'org-bench' });
    const experts = await Promise.all(Array.from({ length: workers }, (_, w) => platform.devIssuer.issue({ sub: `bench-exp-${w}`, role: 'expert' })));
    // Consulting books only experts it knows joined (matching's ExpertJoined): note them as its consumer would.
    const known = new AggregateHandler(platform.stores.get('consulting')!, knownExperts);
    for (let w = 0; w < workers; w++) await known.handle(`bench-exp-${w}`, { type: 'NoteExpert', data: { expertId: `bench-exp-${w}`, joinedAt: new Date().toISOString() } }, { commandId: randomUUID() });
    const base = Date.now() + 7 * 24 * H;
    const booked: string[][] = experts.map(() => []);
    const book = async (w: number, n: number) => {
      const start = new Date(base + n * 2 * H).toISOString();
      const requested = await call(buyer, 'POST', '/interviews', { expertId: `bench-exp-${w}`, topic: 'bench', durationMinutes: 60, slots: [start] });
      if (requested.status !== 201 || !requested.body.interviewId) return requested.status;
      const accepted = await call(experts[w]!, 'POST', `/interviews/${requested.body.interviewId}/acceptance`, { start });
      booked[w]!.push(requested.body.interviewId);
      return accepted.status;
    };
    const read = (w: number, n: number) => {
      const ids = booked[w]!;
      return call(buyer, 'GET', `/interviews/${ids[n % ids.length]}`).then((r) => r.status);
    };
    const bookings = await measure(workers, durationMs, book);
    const reads = await measure(workers, durationMs, read);
    console.log(`\nBooking over HTTP (embedded, ${workers} clients in parallel, one expert each, ${durationMs} ms)`);
    console.table([
      { case: 'booking = POST /interviews + POST acceptance (2 appends, read-your-writes)', ...bookings },
      { case: 'baseline: GET /interviews/{id} (read model only)', ...reads },
    ]);
    report({ group: 'consulting', name: `booking over HTTP, ${workers} clients`, value: bookings['ops/s'], unit: 'ops/s', baseline: { name: 'GET /interviews/{id}', value: reads['ops/s'] }, note: `p99 ${bookings.p99}` });
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A year of weekday calls (09:00-17:00 Shanghai, 4 a day) written straight into the expert's calendar. */
const yearOfBookings = (expertId: string, from: number): NewEvent[] => {
  const events: InterviewEvent[] = [
    { type: 'AvailabilityPublished', data: { expertId, timeZone: 'Asia/Shanghai', weekly: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day: day as 'mon', from: '09:00', to: '17:00' })), exceptions: [], at: new Date(from).toISOString() } },
  ];
  const firstDay = Math.ceil(from / (24 * H)) * 24 * H;
  for (let d = 1; d <= 365; d++) {
    const day = new Date(firstDay + d * 24 * H);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    for (const hour of [1, 3, 5, 7]) {
      const interviewId = randomUUID();
      const start = new Date(day.getTime() + hour * H).toISOString();
      const end = new Date(day.getTime() + (hour + 1) * H).toISOString();
      const at = new Date(from).toISOString();
      events.push(
        { type: 'InterviewRequested', data: { interviewId, expertId, organisationId: 'org-bench', requestedBy: 'bench', requesterRole: 'enterprise', topic: 'bench', durationMinutes: 60, slots: [start], payment: 'contract', requestedAt: at, expiresAt: at } },
        { type: 'InterviewAccepted', data: { interviewId, start, end, acceptedBy: 'expert', at } },
        { type: 'InterviewConfirmed', data: { interviewId, expertId, organisationId: 'org-bench', start, end, at } },
      );
    }
  }
  return events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data }));
};

export async function runFreeSlotBench(iterations = quick() ? 50 : 300): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-consulting-bench-slots-'));
  const platform = await startEmbeddedPlatform({ services: [consultingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  // Enterprise callers act for their organisation only as members (membership demand would publish).
  await grantMemberships(platform, [{ organisationId: 'org-bench', subject: 'bench-buyer' }, { organisationId: 'org-x', subject: 'asker' }]);
  try {
    const store = platform.stores.get('consulting')!;
    // Booked only once consulting knows the expert joined (as in runBookingBench): without it the bookings were refused (422).
    await new AggregateHandler(store, knownExperts).handle('busy-expert', { type: 'NoteExpert', data: { expertId: 'busy-expert', joinedAt: new Date().toISOString() } }, { commandId: randomUUID() });
    const events = yearOfBookings('busy-expert', Date.now());
    let position;
    for (let i = 0; i < events.length; i += 500) position = (await store.append('expert-calendar-busy-expert', events.slice(i, i + 500))).position;
    await platform.services.get('consulting')!.projections.waitFor(position!);
    const call = caller(platform);
    const token = await platform.devIssuer.issue({ sub: 'asker', role: 'enterprise', org: 'org-x' });
    const mid = new Date(Date.now() + 180 * 24 * H);
    const window = (days: number) => `from=${encodeURIComponent(mid.toISOString())}&to=${encodeURIComponent(new Date(mid.getTime() + days * 24 * H).toISOString())}`;
    const time = async (run: () => Promise<unknown>, runs = iterations) => {
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await run();
        xs.push(performance.now() - s);
      }
      return { runs, p50: fmt(percentile(xs, 50)), p99: fmt(percentile(xs, 99)) };
    };
    const week = await time(() => call(token, 'GET', `/experts/busy-expert/free-slots?${window(14)}&durationMinutes=60&timeZone=Europe/Berlin`));
    const twoMonths = await time(() => call(token, 'GET', `/experts/busy-expert/free-slots?${window(62)}&durationMinutes=60&timeZone=Europe/Berlin`));
    const single = await time(() => call(token, 'GET', '/experts/busy-expert/availability'));
    // What every command on this expert pays first: the kernel's handler reads and folds the whole calendar stream.
    const calendar = new AggregateHandler(store, calendars);
    const fold = await time(() => calendar.load('busy-expert'));
    // Before (issue 6, slice 4): the calendar kept its interviews in one flat record and every event
    // copied it. Same read, same events, that copy pattern: the figure the bucketed state replaced.
    const flatFold = await time(async () => {
      let interviews: Record<string, { readonly type: string }> = {};
      for await (const e of store.readStream('expert-calendar-busy-expert')) {
        const id = (e.data as { interviewId?: string }).interviewId;
        if (id) interviews = { ...interviews, [id]: { ...interviews[id], type: e.type } };
      }
    }, 20);
    // What a command on this expert costs end to end: request + acceptance over HTTP, each folding the stream.
    const asker = await platform.devIssuer.issue({ sub: 'bench-buyer', role: 'enterprise', org: 'org-bench' });
    const busy = await platform.devIssuer.issue({ sub: 'busy-expert', role: 'expert' });
    const firstDay = Math.ceil(Date.now() / (24 * H)) * 24 * H;
    let day = 0;
    const booking = await time(async () => {
      // A weekday 02:00Z (10:00 Shanghai), between the year's calls at 01:00 and 03:00.
      let start: Date;
      do start = new Date(firstDay + ++day * 24 * H + 2 * H);
      while (start.getUTCDay() === 0 || start.getUTCDay() === 6);
      const requested = await call(asker, 'POST', '/interviews', { expertId: 'busy-expert', topic: 'bench', durationMinutes: 60, slots: [start.toISOString()] });
      const accepted = await call(busy, 'POST', `/interviews/${requested.body.interviewId}/acceptance`, { start: start.toISOString() });
      if (requested.status !== 201 || accepted.status !== 200) throw new Error(`booking on the busy expert failed: ${requested.status} ${JSON.stringify(requested.body)} / ${accepted.status} ${JSON.stringify(accepted.body)}`);
    }, 40);
    console.log(`\nFree-slot query, one expert with a year of confirmed calls (${events.length} events in the calendar stream)`);
    console.table([
      { case: 'GET /free-slots, 14 days (read model)', ...week },
      { case: 'GET /free-slots, 62 days (read model)', ...twoMonths },
      { case: 'baseline: GET /availability (one row)', ...single },
      { case: 'baseline: fold the calendar stream (no read model)', ...fold },
    ]);
    console.log(`\nCommands on that expert's calendar (${events.length}+ events): every command loads (reads + folds) the stream`);
    console.table([
      { case: 'booking = POST /interviews + POST acceptance on the busy expert', ...booking },
      { case: 'fold the calendar stream (bucketed state, now)', ...fold },
      { case: 'before: fold with one flat record copied per event', ...flatFold },
    ]);
    report({ group: 'consulting', name: 'GET /free-slots, 14 days, p50', value: parseFloat(week.p50), unit: 'ms', baseline: { name: 'fold the calendar stream, p50', value: parseFloat(fold.p50) } });
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runConsultingBench(): Promise<void> {
  await runBookingBench();
  await runFreeSlotBench();
}

if (require.main === module) {
  runConsultingBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
