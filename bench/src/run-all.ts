/**
 * `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same
 * run. Figures are printed, never asserted. One Kafka broker serves the bus and relay benchmarks.
 */
import { startKafkaBroker } from '../../tools/src/testing/kafka-broker';
import { runBusBench } from './bus.bench';
import { runEventStoreBench } from './eventstore.bench';
import { runRelayBench } from './relay.bench';

async function main(): Promise<void> {
  console.log('== Embedded event store (SQLite) ==');
  await runEventStoreBench();
  const broker = process.env.KAFKA_BROKERS ? undefined : await startKafkaBroker();
  if (broker) process.env.KAFKA_BROKERS = broker.brokers;
  try {
    console.log('\n== Bus ==');
    await runBusBench();
    console.log('\n== Relay ==');
    await runRelayBench();
  } finally {
    await broker?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
