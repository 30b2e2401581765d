/**
 * `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same
 * run. Figures are printed, never asserted. One Kafka broker serves the bus and relay benchmarks.
 */
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

// Benchmarks measure throughput, not the per-principal write limit (RATE_LIMIT_WRITES; 0 = off), unless asked.
process.env.RATE_LIMIT_WRITES ??= '0';

/** `npm run bench -- points demand`: only those groups; no arguments: all of them. */
const only = new Set(process.argv.slice(2));
const wanted = (group: string) => only.size === 0 || only.has(group);

async function main(): Promise<void> {
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
  if (wanted('matching-import')) {
    console.log('\n== Matching: bulk import of experts ==');
    await runMatchingImportBench();
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
