import { startKafkaBroker } from '../../../tools/src/testing/kafka-broker';
import {
  connectBus,
  describeBusContract,
  Deliveries,
  kafkaUnavailable,
  testKafkaBrokers,
  uniqueName,
  waitFor,
} from '@hope/messaging/testing';

const unavailable = kafkaUnavailable();
if (unavailable) process.stderr.write(`Kafka bus suites skipped: ${unavailable}\n`);

async function openKafkaBus() {
  const connection = { adapter: 'kafka' as const, brokers: testKafkaBrokers() ?? '', clientId: uniqueName('bus-contract') };
  const bus = await connectBus(connection);
  return { bus, connection, dispose: () => bus.close() };
}

describeBusContract('kafka', openKafkaBus, unavailable ? { skip: unavailable } : {});

(unavailable ? describe.skip : describe)('KafkaBus against a broker that restarts', () => {
  it('recovers its producer and consumer, and loses nothing', async () => {
    const broker = await startKafkaBroker();
    const bus = await connectBus({ adapter: 'kafka', brokers: broker.brokers, clientId: uniqueName('restart') });
    try {
      const topic = uniqueName('t');
      await bus.ensureTopics([topic]);
      const seen = new Deliveries();
      await bus.consume({ groupId: uniqueName('g'), topics: [topic], handler: seen.handler() });
      const batch = (from: number) => Array.from({ length: 20 }, (_, i) => ({ key: `k${i % 5}`, value: `m${from + i}` }));
      await bus.publish(topic, batch(0));
      await waitFor('the first messages', () => seen.all.length >= 10, 30_000);

      await broker.restart();
      await bus.publish(topic, batch(20));
      await bus.publish(topic, batch(40));

      const expected = Array.from({ length: 60 }, (_, i) => `m${i}`);
      await waitFor('every message after the restart', () => expected.every((v) => seen.distinctValues().has(v)), 150_000);
    } finally {
      await bus.close();
      await broker.stop();
    }
  }, 240_000);
});
