/**
 * `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same
 * run. Figures are printed, never asserted. One Kafka broker serves the bus and relay benchmarks.
 * Every figure a group reports (report.ts) lands in bench/results/latest.json.
 * `npm run bench -- --quick`: every group at small sizes (a few minutes); `-- points relay`: those groups.
 */
import { join } from 'node:path';
import { loadAverage, writeResults } from './report';
import { startKafkaBroker } from '../../tools/src/testing/kafka-broker';
import { runBusBench } from './bus.bench';
import { runEventStoreBench } from './eventstore.bench';
import { runRelayBench } from './relay.bench';
import { runConsultingBench } from './consulting.bench';
import { runDemandSearchBench, runProposalThroughputBench } from './demand.bench';
import { runMatchingBench } from './matching.bench';
import { runPointsBench } from './points.bench';
import { runSoakBench } from './soak.bench';

// Benchmarks measure throughput, not the per-principal write limit (RATE_LIMIT_WRITES; 0 = off), unless asked.
process.env.RATE_LIMIT_WRITES ??= '0';

const args = process.argv.slice(2);
if (args.includes('--quick')) {
  process.env.BENCH_QUICK = '1';
  // Groups sized by environment variables get small sizes unless told otherwise.
  const small: Record<string, string> = { POINTS_BENCH_EVENTS: '20000', DEMAND_BENCH_N: '5000', PROFILES: '10000', DEMANDS: '100', UPDATES: '20', SOAK_SECONDS: '12', SOAK_RATE: '60' };
  for (const [name, value] of Object.entries(small)) process.env[name] ??= value;
}

/** `npm run bench -- points demand`: only those groups; no arguments: all of them. */
const only = new Set(args.filter((a) => !a.startsWith('--')));
const wanted = (group: string) => only.size === 0 || only.has(group);
const GROUPS = ['eventstore', 'bus', 'relay', 'points', 'demand', 'consulting', 'matching', 'soak'];

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  console.log(`bench ${process.env.BENCH_QUICK ? '(quick) ' : ''}started ${startedAt.toISOString()}, load average ${loadAtStart.join(' ')}`);
  try {
    await runGroups();
  } finally {
    // A quick run is a smoke run: it does not replace the figures of a full one.
    writeResults(join(__dirname, '..', 'results', process.env.BENCH_QUICK ? 'quick.json' : 'latest.json'), { groups: GROUPS.filter(wanted), startedAt, loadAtStart });
  }
}

async function runGroups(): Promise<void> {
  if (wanted('eventstore')) {
    console.log('== Embedded event store (SQLite) ==');
    await runEventStoreBench();
  }
  if (wanted('bus') || wanted('relay')) {
    const broker = process.env.KAFKA_BROKERS ? undefined : await startKafkaBroker();
    if (broker) process.env.KAFKA_BROKERS = broker.brokers;
    try {
      if (wanted('bus')) {
        console.log('\n== Bus ==');
        await runBusBench();
      }
      if (wanted('relay')) {
        console.log('\n== Relay ==');
        await runRelayBench();
      }
    } finally {
      await broker?.stop();
    }
  }
  if (wanted('points')) {
    console.log('\n== Points ==');
    await runPointsBench();
  }
  if (wanted('demand')) {
    console.log('\n== Demand ==');
    await runDemandSearchBench();
    await runProposalThroughputBench();
  }
  if (wanted('consulting')) {
    console.log('\n== Consulting ==');
    await runConsultingBench();
  }
  if (wanted('matching')) {
    console.log('\n== Matching ==');
    await runMatchingBench();
  }
  if (wanted('soak')) {
    console.log('\n== Soak (distributed, a points replica killed halfway) ==');
    await runSoakBench();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
