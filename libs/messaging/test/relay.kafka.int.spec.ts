import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { decodeEnvelope } from '@hope/contracts';
import { SqliteEventStore, type NewEvent } from '@hope/eventstore';
import { publishMarkedIntegrationEvents, Relay, soleLease, type MessageBus } from '@hope/messaging';
import { connectBus, Deliveries, kafkaUnavailable, testKafkaBrokers, uniqueName, waitFor } from '@hope/messaging/testing';

const unavailable = kafkaUnavailable();
if (unavailable) process.stderr.write(`Relay-to-Kafka suite skipped: ${unavailable}\n`);

const STREAMS = 7;
const counted = (n: number): NewEvent => ({ id: randomUUID(), type: 'Counted', data: { n }, metadata: { integration: true, version: 1, correlationId: `c-${n}` } });

/** Per key, the numbers in delivery order. */
const byKey = (seen: Deliveries) => new Map([...seen.byKey()].map(([key, values]) => [key, values.map((v) => (decodeEnvelope(v).data as { n: number }).n)]));
const firstOccurrences = (ns: number[]) => ns.filter((n, i) => ns.indexOf(n) === i);
const increasing = (ns: number[]) => ns.every((n, i) => i === 0 || n > ns[i - 1]!);

/**
 * The pipelined relay (batch N sent while N+1 is read and N-1 checkpointed) against a real broker: every
 * event arrives, in store order per key; a restart republishes at most what was not yet checkpointed.
 */
(unavailable ? describe.skip : describe)('relay -> Kafka, pipelined', () => {
  let dir: string;
  let store: SqliteEventStore;
  let bus: MessageBus;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-relay-kafka-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    bus = await connectBus({ adapter: 'kafka', brokers: testKafkaBrokers() ?? '', clientId: uniqueName('relay') });
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = async (from: number, to: number) => {
    // Uneven appends across the streams, so batches cut through streams at every place.
    for (let n = from; n < to; ) {
      const size = 1 + (n % 13);
      const stream = `counter-${n % STREAMS}`;
      await store.append(stream, Array.from({ length: Math.min(size, to - n) }, (_, i) => counted(n + i)));
      n += size;
    }
  };
  const relay = (topic: string, service: string) =>
    new Relay({ service, store, bus, topic, translate: publishMarkedIntegrationEvents, lease: soleLease, holder: 'test', batchSize: 37 });

  it('delivers every event in store order per key; after a restart, nothing is lost and the order of first deliveries holds', async () => {
    const topic = uniqueName('relay.order');
    const service = uniqueName('svc').replace('.', '-');
    await bus.ensureTopics([topic]);
    const seen = new Deliveries();
    const consumer = await bus.consume({ groupId: uniqueName('g'), topics: [topic], handler: seen.handler(), fromBeginning: true });
    try {
      await append(0, 1_500);
      const first = relay(topic, service);
      first.start();
      await append(1_500, 2_000); // live appends while it catches up
      await waitFor('the first 2,000 events', () => seen.all.length >= 2_000, 60_000);
      await first.stop();
      // One relay, no restart: exactly once and in order per key.
      expect(seen.all).toHaveLength(2_000);
      for (const ns of byKey(seen).values()) expect(increasing(ns)).toBe(true);

      await append(2_000, 3_000);
      const second = relay(topic, service);
      second.start();
      const stopped = (async () => {
        await waitFor('some of the next events', () => seen.all.length >= 2_300, 60_000);
        await second.stop(); // mid-backlog
      })();
      await stopped;
      const third = relay(topic, service);
      third.start();
      await waitFor('every event', () => seen.distinctValues().size >= 3_000, 60_000);
      await third.stop();
      const all = byKey(seen);
      const numbers = new Set([...all.values()].flat());
      expect(numbers.size).toBe(3_000);
      for (const ns of all.values()) expect(increasing(firstOccurrences(ns))).toBe(true);
    } finally {
      await consumer.stop();
    }
  }, 180_000);
});
