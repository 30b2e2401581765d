/**
 * CPU profiles of the relay and of the bare kafkajs producer (bench/src/relay.bench.ts), the same
 * messages and batch size, each profiled alone through the inspector, so neither includes seeding the
 * store, starting the broker or the warm-up. Writes <dir>/relay.cpuprofile and <dir>/bare.cpuprofile
 * and prints the self time per package and per function of each (top entries).
 * Run: RELAY_BENCH_EVENTS=50000 node -r @swc-node/register bench/src/relay-profile.ts [dir] [batchSize]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBus, publishMarkedIntegrationEvents, toMessage, type OutgoingMessage } from '../../libs/messaging/src';
import { startKafkaBroker } from '../../tools/src/testing/kafka-broker';
import { bareRate, EVENTS, relayRate, seedStore } from './relay.bench';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per key, where key names a function or the package/file holding it. */
function selfTimes(profile: Profile, key: (frame: ProfileNode['callFrame']) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const k = key(byId.get(id)!.callFrame);
    out.set(k, (out.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

/** CPU (ms) of each thread of this process (Linux): the profile sees only the main thread, not the store's writer thread, libuv's pool or V8's GC helpers. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      out.set(tid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100); // utime + stime, in clock ticks of 10 ms
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

function printThreads(before: Map<string, number>, after: Map<string, number>, events: number): void {
  const main = String(process.pid);
  const deltas = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const).filter(([, ms]) => ms > 0);
  const total = deltas.reduce((sum, [, ms]) => sum + ms, 0);
  const list = deltas
    .sort((a, b) => b[1] - a[1])
    .map(([tid, ms]) => `${tid === main ? 'main' : tid} ${((ms * 1000) / events).toFixed(1)}`)
    .join(', ');
  console.log(`  CPU per event, all threads ${((total * 1000) / events).toFixed(1)} µs: ${list}`);
}

/** Pauses of the main thread for garbage collection, by kind: a loaded machine stretches each (its helper threads wait for a core). */
function printGc(entries: readonly PerformanceEntry[]): void {
  const kinds = new Map<string, { n: number; ms: number }>();
  for (const e of entries) {
    const kind = ((e as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor' : 'major/other';
    const k = kinds.get(kind) ?? { n: 0, ms: 0 };
    k.n++;
    k.ms += e.duration;
    kinds.set(kind, k);
  }
  console.log(`  GC pauses: ${[...kinds].map(([kind, k]) => `${kind} ${k.n} (${k.ms.toFixed(0)} ms)`).join(', ') || 'none'}`);
}

const where = (url: string): string => url.replace(/.*node_modules\//, '').replace(/^.*?\/(libs|bench|tools)\//, '$1/');
const pkg = (f: ProfileNode['callFrame']): string => {
  const w = where(f.url);
  if (w === '') return f.functionName; // (program), (garbage collector), (idle), natives
  const parts = w.split('/');
  return parts[0]!.startsWith('@') || parts[0] === 'libs' ? parts.slice(0, 3).join('/') : parts[0]!;
};
const fn = (f: ProfileNode['callFrame']): string => `${f.functionName || '(anonymous)'} ${where(f.url)}:${f.lineNumber + 1}`;

function print(title: string, profile: Profile, events: number): void {
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `    ${ms.toFixed(0).padStart(6)} ms ${((ms * 1000) / events).toFixed(2).padStart(6)} µs/event  ${k}`)
      .join('\n');
  const total = [...selfTimes(profile, () => '').values()][0] ?? 0;
  const idle = selfTimes(profile, (f) => f.functionName).get('(idle)') ?? 0;
  console.log(`${title}: ${total.toFixed(0)} ms sampled, ${(total - idle).toFixed(0)} ms busy = ${(((total - idle) * 1000) / events).toFixed(1)} µs per event`);
  console.log(top(selfTimes(profile, pkg), 14));
  console.log(top(selfTimes(profile, fn), 30));
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'relay-profile-'));
  const size = Number(process.argv[3] ?? 500);
  const events = EVENTS;
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'hope-relay-profile-'));
  const broker = process.env.KAFKA_BROKERS ? undefined : await startKafkaBroker();
  const brokers = process.env.KAFKA_BROKERS ?? broker!.brokers;
  const store = await seedStore(join(dir, 'events.sqlite'));
  const bus = await KafkaBus.connect({ brokers, clientId: 'relay-profile', logLevel: logLevel.NOTHING });
  const kafka = new Kafka({ clientId: 'relay-profile-bare', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  try {
    const messages: OutgoingMessage[] = [];
    for await (const e of store.readAll()) {
      const envelope = publishMarkedIntegrationEvents(e);
      if (envelope) messages.push(toMessage(envelope));
    }
    await relayRate(store, bus, size); // warm-up for both: connections, metadata, JIT
    await bareRate(kafka, messages, size);
    for (const [name, run] of [
      ['relay', () => relayRate(store, bus, size)],
      ['bare', () => bareRate(kafka, messages, size)],
    ] as const) {
      await session.post('Profiler.start');
      const gcs: PerformanceEntry[] = [];
      const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
      observer.observe({ entryTypes: ['gc'] });
      const before = threadCpu();
      const rate = await run();
      const after = threadCpu();
      await new Promise((r) => setImmediate(r));
      observer.disconnect();
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
      writeFileSync(join(out, `${name}.cpuprofile`), JSON.stringify(profile));
      print(`${name} (${Math.round(rate)} events/s, batches of ${size})`, profile, events);
      printThreads(before, after, events);
      printGc(gcs);
    }
    console.log(`profiles in ${out}`);
  } finally {
    session.disconnect();
    await bus.close();
    await store.close();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
