/**
 * The matching service's index start, measured in a process of its own (issue 14 point 5): what the
 * service holds, not what a bench holding 200k generated profiles holds. The real `MatchingIndex`
 * warms up as it does in the service (its snapshot, else a build from the registry in chunks that yield
 * to the event loop), fed by a registry read from a JSON-lines file the parent wrote (one expert view
 * per line, read WARM_UP_CHUNK rows at a time by byte offset, as the projection reads its SQLite rows:
 * the profiles are never all in memory). It prints one JSON line: time to ready (the readiness check
 * `matching-index` polled as `/health/ready` runs it), CPU, RSS and heap once ready, peak RSS, and the
 * event loop's delay (`monitorEventLoopDelay`) from the start, language resources included.
 * Run by matching.bench.ts: HOPE_TSCONFIG=<repo>/tsconfig.json node --expose-gc -r ./libs/eventstore/src/threads/register-typescript.js
 * bench/src/matching-start.ts <rows.jsonl> <dataDir> (or `--prime`: load the code only).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ReadinessRegistry, type PlatformConfig } from '@hope/platform';
import type { ExpertView, RegistryQueries } from '../../services/matching/src/projections/registry/registry.queries';
import type { FunnelQueries } from '../../services/matching/src/projections/funnel/funnel.queries';
import type { ComplianceQueries } from '../../services/matching/src/projections/compliance/compliance.queries';

/** Expert views by seq (line number, from 1) out of a JSON-lines file, read on demand like the projection's rows. */
class RowsOnDisk {
  private readonly fd: number;
  private readonly offsets: Float64Array;

  constructor(file: string) {
    this.fd = openSync(file, 'r');
    // Where each line starts, found 1 MiB at a time: the file is never held whole.
    const starts: number[] = [0];
    const chunk = Buffer.alloc(1 << 20);
    for (let at = 0, n = 0; (n = readSync(this.fd, chunk, 0, chunk.length, at)) > 0; at += n) {
      for (let i = chunk.indexOf(10); i !== -1 && i < n; i = chunk.indexOf(10, i + 1)) starts.push(at + i + 1);
    }
    this.offsets = Float64Array.from(starts);
  }

  get count(): number {
    return this.offsets.length - 1;
  }

  changedSince(seq: number, limit = Number.MAX_SAFE_INTEGER): { experts: ExpertView[]; seq: number } {
    const to = Math.min(this.count, seq + limit);
    if (to <= seq) return { experts: [], seq };
    const from = this.offsets[seq]!;
    const buffer = Buffer.alloc(this.offsets[to]! - from);
    readSync(this.fd, buffer, 0, buffer.length, from);
    const experts = buffer.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ExpertView);
    return { experts, seq: to };
  }

  close(): void {
    closeSync(this.fd);
  }
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
/** Two full collections a moment apart: large buffers freed by the first are swept off the RSS concurrently. */
async function settle(): Promise<NodeJS.MemoryUsage> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 300));
  gc();
  return process.memoryUsage();
}

async function main(): Promise<void> {
  const [file, dataDir] = process.argv.slice(2) as [string, string];
  // The service's code is loaded before it starts (its modules, not the language resources: the index loads those).
  const { MatchingIndex } = await import('../../services/matching/src/application/matching-index');
  // `--prime`: only load the code, so the loader's cache is warm for the measured runs.
  if (file === '--prime') return void process.stdout.write('{}\n');
  const rows = new RowsOnDisk(file);
  const registry = { changedSince: (seq: number, limit?: number) => rows.changedSince(seq, limit), maxSeq: () => rows.count } as unknown as RegistryQueries;
  const funnel = { maxSeq: () => 0, trackRecordsSince: (seq: number) => ({ records: [], seq }) } as unknown as FunnelQueries;
  const readiness = new ReadinessRegistry();
  const before = await settle();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The monitor's timer runs once the loop turns: from then on every block of the loop is seen.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const index = new MatchingIndex(registry, funnel, {} as ComplianceQueries, { dataDir } as PlatformConfig, readiness);
  index.onApplicationBootstrap();
  let readyMs = NaN;
  while (Number.isNaN(readyMs)) {
    const [check] = await readiness.run();
    if (check?.ok) readyMs = elapsed();
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const readyCpu = process.cpuUsage(cpu);
  delay.disable();
  const atReady = process.memoryUsage();
  await index.whenReady();
  const settled = await settle();
  rows.close();
  await index.onApplicationShutdown();
  const out = {
    readyMs,
    cpuMs: (readyCpu.user + readyCpu.system) / 1000,
    experts: index.refresh().size,
    rssBeforeMb: before.rss / 1_048_576,
    heapBeforeMb: before.heapUsed / 1_048_576,
    rssAtReadyMb: atReady.rss / 1_048_576,
    rssMb: settled.rss / 1_048_576,
    heapMb: settled.heapUsed / 1_048_576,
    heapTotalMb: settled.heapTotal / 1_048_576,
    externalMb: settled.external / 1_048_576,
    arrayBuffersMb: settled.arrayBuffers / 1_048_576,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    loopDelayMaxMs: delay.max / 1e6,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
