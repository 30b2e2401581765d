import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { decodeEnvelope, type EventEnvelope } from '@hope/contracts';
import { SqliteEventStore, type NewEvent } from '@hope/eventstore';
import { InProcessBus, publishMarkedIntegrationEvents, Relay, relayCheckpointName, type ConsumerHandle, type LeaseProvider } from '@hope/messaging';
import { MemorySharedState } from '@hope/platform';
import { eventually } from '../../../tools/src/testing/eventually';

const TOPIC = 'hope.test.events';
const integration = (stream: string, n: number): NewEvent => ({ id: randomUUID(), type: 'Counted', data: { stream, n }, metadata: { integration: true, version: 1, correlationId: `c-${n}` } });
const internal = (n: number): NewEvent => ({ id: randomUUID(), type: 'InternalNoted', data: { n } });

describe('relay: store -> bus, checkpoint after ack', () => {
  let dir: string;
  let store: SqliteEventStore;
  let bus: InProcessBus;
  let received: EventEnvelope[];
  let consumer: ConsumerHandle;
  const relays: Relay[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-relay-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    bus = await InProcessBus.open({ file: ':memory:' });
    received = [];
    consumer = await bus.consume({ groupId: 'observer', topics: [TOPIC], handler: async (m) => void received.push(decodeEnvelope(m.value)) });
  });
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    await consumer.stop();
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const relay = (overrides: Partial<ConstructorParameters<typeof Relay>[0]> = {}) => {
    const r = new Relay({ service: 'test', store, bus, topic: TOPIC, translate: publishMarkedIntegrationEvents, lease: new MemorySharedState(), holder: randomUUID(), batchSize: 50, ...overrides });
    relays.push(r);
    return r;
  };

  it('publishes only integration events, keyed by stream, in store order, with their metadata', async () => {
    await store.append('counter-a', [integration('a', 1), internal(2), integration('a', 3)]);
    await store.append('counter-b', [integration('b', 4)]);
    relay().start();
    await eventually(() => expect(received).toHaveLength(3));
    // Order is per key (stream), as on Kafka; across keys the partitions interleave freely.
    const of = (stream: string) => received.filter((e) => e.stream === stream).map((e) => (e.data as { n: number }).n);
    expect(of('counter-a')).toEqual([1, 3]);
    expect(of('counter-b')).toEqual([4]);
    expect(received.find((e) => e.stream === 'counter-a')).toMatchObject({ type: 'Counted', version: 1, stream: 'counter-a', revision: 0, correlationId: 'c-1' });
  });

  it('catches up a backlog then follows live appends, each published once', async () => {
    for (let i = 0; i < 20; i++) await store.append(`counter-${i % 3}`, Array.from({ length: 10 }, (_, j) => integration(`${i % 3}`, i * 10 + j)));
    relay().start();
    for (let i = 200; i < 260; i++) await store.append('counter-live', [integration('live', i)]);
    await eventually(() => expect(received).toHaveLength(260));
    expect(new Set(received.map((e) => e.id)).size).toBe(260);
  });

  it('stores its checkpoint only after the bus acknowledged: a failed publish is retried, never skipped', async () => {
    let failures = 2;
    const flakyBus = Object.create(bus) as InProcessBus;
    flakyBus.publish = async (topic, messages) => {
      if (failures-- > 0) throw new Error('broker unavailable');
      return bus.publish(topic, messages);
    };
    await store.append('counter-a', [integration('a', 1), integration('a', 2)]);
    const r = relay({ bus: flakyBus });
    r.start();
    await eventually(() => expect(received).toHaveLength(2), { timeoutMs: 10_000 });
    // The checkpoint follows the acknowledged sends on its own chain (0055): it lands once written.
    await eventually(async () => expect((await store.checkpoints.load(relayCheckpointName('test')))?.commit).toBe(2n), { timeoutMs: 10_000 });
    expect(new Set(received.map((e) => e.id)).size).toBe(2);
  });

  it('a crash between publish and checkpoint republishes that batch on restart (a duplicate, never a gap)', async () => {
    await store.append('counter-a', [integration('a', 1), integration('a', 2)]);
    const realStore = store.checkpoints.store.bind(store.checkpoints);
    let crash = true;
    store.checkpoints.store = async (name, position) => {
      if (crash) throw new Error('process died before the checkpoint');
      return realStore(name, position);
    };
    const first = relay();
    first.start();
    await eventually(() => expect(received.length).toBeGreaterThanOrEqual(2));
    await first.stop();
    crash = false;
    await store.append('counter-a', [integration('a', 3)]);
    relay().start();
    await eventually(() => expect(received.map((e) => (e.data as { n: number }).n)).toContain(3));
    const ns = received.map((e) => (e.data as { n: number }).n);
    expect(new Set(ns)).toEqual(new Set([1, 2, 3]));
    expect(ns.filter((n) => n === 1).length).toBeGreaterThanOrEqual(2);
  });

  it('a slow checkpoint write holds back neither reading nor sending, within a bound; the checkpoint follows to the end', async () => {
    for (let i = 0; i < 30; i++) await store.append(`counter-${i % 4}`, Array.from({ length: 10 }, (_, j) => integration(`${i % 4}`, i * 10 + j)));
    let sent = 0;
    const countingBus = Object.create(bus) as InProcessBus;
    countingBus.publish = async (topic, messages) => {
      await bus.publish(topic, messages);
      sent += messages.length;
    };
    const realStore = store.checkpoints.store.bind(store.checkpoints);
    const writes: { commit: bigint; sentBefore: number; sentAfter: number }[] = [];
    store.checkpoints.store = async (name, position) => {
      const sentBefore = sent;
      // A loaded disk: one fsync took up to 135 ms in the bench's session; here much longer, to be unmistakable.
      await new Promise((r) => setTimeout(r, 1_000));
      await realStore(name, position);
      writes.push({ commit: position.commit, sentBefore, sentAfter: sent });
    };
    relay({ bus: countingBus, batchSize: 10 }).start();
    await eventually(() => expect((writes[writes.length - 1]?.commit ?? 0n) === 300n).toBe(true), { timeoutMs: 15_000 });
    // While the first write was on disk, further batches went out (before: none), but not more than the bound (16).
    expect(writes[0]!.sentAfter - writes[0]!.sentBefore).toBeGreaterThanOrEqual(50);
    expect(writes[0]!.sentAfter - writes[0]!.sentBefore).toBeLessThanOrEqual(18 * 10);
    // A checkpoint never passes what the broker acknowledged.
    for (const w of writes) expect(Number(w.commit)).toBeLessThanOrEqual(w.sentBefore);
    await eventually(() => expect(received).toHaveLength(300));
    expect(new Set(received.map((e) => e.id)).size).toBe(300);
  });

  it('resumes from its checkpoint after a restart: earlier events are not published again', async () => {
    await store.append('counter-a', [integration('a', 1)]);
    const first = relay();
    first.start();
    await eventually(() => expect(received).toHaveLength(1));
    await first.stop();
    await store.append('counter-a', [integration('a', 2)]);
    relay().start();
    await eventually(() => expect(received).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 200));
    expect(received.map((e) => (e.data as { n: number }).n)).toEqual([1, 2]);
  });

  it('with two replicas, only the lease holder publishes; when it stops, the other takes over from the checkpoint', async () => {
    const lease = new MemorySharedState();
    const a = relay({ lease, holder: 'replica-a', leaseTtlMs: 2_000 });
    const b = relay({ lease, holder: 'replica-b', leaseTtlMs: 2_000 });
    a.start();
    b.start();
    for (let i = 0; i < 100; i++) await store.append(`counter-${i % 7}`, [integration('x', i)]);
    await eventually(() => expect(received).toHaveLength(100));
    await a.stop();
    await b.stop();
    relays.splice(0);
    const takeover = relay({ lease, holder: 'replica-b', leaseTtlMs: 2_000 });
    takeover.start();
    for (let i = 100; i < 150; i++) await store.append('counter-z', [integration('z', i)]);
    await eventually(() => expect(received).toHaveLength(150));
    await new Promise((r) => setTimeout(r, 300));
    // Without the lease both replicas would publish everything: 100 duplicates.
    expect(received).toHaveLength(150);
    expect(new Set(received.map((e) => e.id)).size).toBe(150);
  });

  it('does not publish while another holder has the lease', async () => {
    const held: LeaseProvider = { acquireLease: async () => false, releaseLease: async () => undefined };
    await store.append('counter-a', [integration('a', 1)]);
    relay({ lease: held, leaseTtlMs: 150 }).start();
    await new Promise((r) => setTimeout(r, 400));
    expect(received).toHaveLength(0);
  });
});
