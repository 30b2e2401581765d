/**
 * `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same
 * run. Figures are printed, never asserted. One Kafka broker serves the bus and relay benchmarks.
 * Every figure a group reports (report.ts) lands in bench/results/latest.json.
 * `npm run bench -- --quick`: every group at small sizes, figures in bench/results/quick.json.
 * `npm run bench -- points relay`: only those groups (their figures replace theirs in latest.json).
 */
import './bench-mode';
import { join } from 'node:path';
import { loadAverage, quick, writeResults } from './report';
import { startKafkaBroker } from '../../tools/src/testing/kafka-broker';
import { runBusBench } from './bus.bench';
import { runEventStoreBench } from './eventstore.bench';
import { runRelayBench } from './relay.bench';
import { runConsultingBench } from './consulting.bench';
import { runDemandSearchBench, runProposalThroughputBench } from './demand.bench';
import { runMatchingBench } from './matching.bench';
import { runMatchingImportBench } from './matching-import.bench';
import { runPointsBench } from './points.bench';
import { runSoakBench } from './soak.bench';

const GROUPS: readonly (readonly [name: string, title: string, run: () => Promise<void>])[] = [
  ['eventstore', 'Embedded event store (SQLite)', runEventStoreBench],
  ['bus', 'Bus', runBusBench],
  ['relay', 'Relay', runRelayBench],
  ['points', 'Points', runPointsBench],
  ['demand', 'Demand', async () => (await runDemandSearchBench(), await runProposalThroughputBench())],
  ['consulting', 'Consulting', runConsultingBench],
  ['matching', 'Matching', runMatchingBench],
  ['matching-import', 'Matching: bulk import of experts', runMatchingImportBench],
  ['soak', 'Soak (distributed, a points replica killed halfway)', runSoakBench],
];

const only = new Set(process.argv.slice(2).filter((a) => !a.startsWith('--')));
const wanted = GROUPS.filter(([name]) => only.size === 0 || only.has(name));

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  console.log(`bench${quick() ? ' --quick' : ''} started ${startedAt.toISOString()}, load average ${loadAtStart.join(' ')}`);
  const failed: string[] = [];
  const needsKafka = wanted.some(([name]) => name === 'bus' || name === 'relay' || name === 'soak');
  const broker = needsKafka && !process.env.KAFKA_BROKERS ? await startKafkaBroker() : undefined;
  if (broker) process.env.KAFKA_BROKERS = broker.brokers;
  // The soak's services may share this run's broker: nothing else runs services on it (the bus and relay
  // groups use their own topics). Starting a second broker (a JVM) was most of the soak's time in --quick.
  if (broker) process.env.SOAK_KAFKA_BROKERS ??= broker.brokers;
  try {
    for (const [name, title, run] of wanted) {
      console.log(`\n== ${title} ==`);
      const started = Date.now();
      try {
        await run();
      } catch (error) {
        // One group failing (a reset connection on a loaded machine) must not cost the others' figures.
        failed.push(name);
        console.error(`[${name}] failed:`, error);
      }
      console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await broker?.stop();
    writeResults(join(__dirname, '..', 'results', quick() ? 'quick.json' : 'latest.json'), { groups: wanted.map(([name]) => name), startedAt, loadAtStart, failed });
  }
  if (failed.length > 0) throw new Error(`bench groups failed: ${failed.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
