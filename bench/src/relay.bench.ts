/**
 * Relay throughput to Kafka beside its baseline, measured in the same run against the same broker:
 *   the relay (catch-up subscription on a SQLite store -> KafkaBus.publish -> checkpoint after ack)
 *   vs a bare kafkajs producer sending the very same messages (what the relay produced) in the same
 *   batch sizes. The gap is what reading the store, translating and checkpointing cost.
 * Run: node -r @swc-node/register bench/src/relay.bench.ts   (uses KAFKA_BROKERS, or starts a broker)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { SqliteEventStore, type NewEvent } from '../../libs/eventstore/src';
import { KafkaBus, publishMarkedIntegrationEvents, Relay, soleLease, toMessage, type OutgoingMessage } from '../../libs/messaging/src';
import { startKafkaBroker } from '../../tools/src/testing/kafka-broker';
import { quick, report } from './report';

export const EVENTS = Number(process.env.RELAY_BENCH_EVENTS ?? (quick() ? 4_000 : 20_000));
const BATCH_SIZES = [100, 500] as const;

/** Relay/bare pairs per batch size: one pair is a coin toss on a shared machine. */
const PAIRS = Number(process.env.RELAY_BENCH_PAIRS ?? (quick() ? 1 : 3));

interface Measured {
  readonly rate: number;
  readonly cpuMs: number;
}

async function measured(run: () => Promise<number>): Promise<Measured> {
  const before = process.cpuUsage();
  const rate = await run();
  const cpu = process.cpuUsage(before);
  return { rate, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const fmt = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-US').padStart(9)} events/s`;

export async function seedStore(file: string): Promise<SqliteEventStore> {
  const store = SqliteEventStore.open({ file });
  const padding = 'x'.repeat(300);
  for (let i = 0; i < EVENTS; i += 100) {
    const events: NewEvent[] = Array.from({ length: 100 }, (_, j) => ({
      id: randomUUID(),
      type: 'PointsEarned',
      data: { amount: i + j, reason: padding },
      metadata: { integration: true, version: 1, correlationId: randomUUID() },
    }));
    await store.append(`account-${(i / 100) % 500}`, events);
  }
  return store;
}

export async function relayRate(store: SqliteEventStore, bus: KafkaBus, batchSize: number): Promise<number> {
  const topic = `bench.relay.${batchSize}.${Date.now()}`;
  const service = `bench-${batchSize}-${Date.now()}`;
  await bus.ensureTopics([topic]);
  let published = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const relay = new Relay({
    service,
    store,
    bus,
    topic,
    translate: publishMarkedIntegrationEvents,
    lease: soleLease,
    holder: 'bench',
    batchSize,
    onPublished: (count) => {
      published += count;
      if (published >= EVENTS) done();
    },
  });
  const started = process.hrtime.bigint();
  relay.start();
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await relay.stop();
  return EVENTS / seconds;
}

export async function bareRate(kafka: Kafka, messages: readonly OutgoingMessage[], batchSize: number): Promise<number> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const topic = `bench.bare.${batchSize}.${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
  await admin.disconnect();
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i += batchSize) {
    await producer.send({ topic, acks: -1, messages: messages.slice(i, i + batchSize).map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } })) });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await producer.disconnect();
  return messages.length / seconds;
}

export async function runRelayBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-relay-bench-'));
  const broker = process.env.KAFKA_BROKERS ? undefined : await startKafkaBroker();
  const brokers = process.env.KAFKA_BROKERS ?? broker!.brokers;
  const store = await seedStore(join(dir, 'events.sqlite'));
  const bus = await KafkaBus.connect({ brokers, clientId: 'relay-bench', logLevel: logLevel.NOTHING });
  const kafka = new Kafka({ clientId: 'relay-bench-bare', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  try {
    const messages: OutgoingMessage[] = [];
    for await (const e of store.readAll()) {
      const envelope = publishMarkedIntegrationEvents(e);
      if (envelope) messages.push(toMessage(envelope));
    }
    await relayRate(store, bus, 100); // warm-up: connections, metadata, JIT
    console.log(`Relay to Kafka, ${EVENTS} events of ~600 B from a SQLite store, acks=-1, one broker on loopback, ${PAIRS} pairs per batch size (relay and bare in turn, the order alternating)`);
    for (const size of BATCH_SIZES) {
      // Pairs in turn, so a neighbour's burst on a shared machine lands on both sides; medians reported,
      // and the CPU each side spends per event (this process), which the run queue moves far less.
      const relay: Measured[] = [];
      const bare: Measured[] = [];
      for (let pair = 0; pair < PAIRS; pair++) {
        const runRelay = async () => relay.push(await measured(() => relayRate(store, bus, size)));
        const runBare = async () => bare.push(await measured(() => bareRate(kafka, messages, size)));
        if (pair % 2 === 0) await runRelay().then(runBare);
        else await runBare().then(runRelay);
      }
      const rate = (m: Measured[]) => median(m.map((x) => x.rate));
      const cpu = (m: Measured[]) => median(m.map((x) => x.cpuMs)) / EVENTS;
      console.log(
        `  batch ${String(size).padStart(3)}: relay ${fmt(rate(relay))}   bare kafkajs (same messages, same batches) ${fmt(rate(bare))}   ratio ${(rate(relay) / rate(bare)).toFixed(2)}` +
          `   (each pair: ${relay.map((r, i) => (r.rate / bare[i]!.rate).toFixed(2)).join(', ')}); CPU per event ${(cpu(relay) * 1000).toFixed(1)} µs vs ${(cpu(bare) * 1000).toFixed(1)} µs`,
      );
      report({ group: 'relay', name: `relay to Kafka, batches of ${size}`, value: rate(relay), unit: 'events/s', baseline: { name: `bare kafkajs producer, same messages and batches (medians of ${PAIRS} pairs in turn)`, value: rate(bare) }, goal: { ratio: { min: 0.9 } } });
      report({ group: 'relay', name: `relay to Kafka, batches of ${size}, CPU per event`, value: cpu(relay) * 1000, unit: 'µs', baseline: { name: 'bare kafkajs producer, CPU per event', value: cpu(bare) * 1000 } });
    }
  } finally {
    await bus.close();
    await store.close();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runRelayBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
