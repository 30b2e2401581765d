/**
 * The guarantees every MessageBus adapter keeps, as one jest suite run against each adapter:
 * `describeBusContract('kafka', factory)`. Each test uses its own topic and group names.
 */
import { partitionForKey } from '../bus/in-process/partition-for-key';
import { ConsumeOptions, ConsumerHandle } from '../bus/bus.port';
import { failureContract } from './bus.contract.failures';
import { BusUnderTest } from './bus-under-test';
import { Deliveries, delay, uniqueName, waitFor } from './bus-test-kit';

export type BusFactory = () => Promise<BusUnderTest>;

export interface BusContractOptions {
  /** Why the suite cannot run here (e.g. no Kafka); the suite then reports one skipped test saying so. */
  readonly skip?: string;
}

/** What each contract test gets: the bus for this test and a fresh topic with 3 partitions. */
export interface BusContext {
  readonly current: BusUnderTest;
  readonly topic: string;
  consume(options: Omit<ConsumeOptions, 'topics'> & { readonly topics?: readonly string[] }): Promise<ConsumerHandle>;
}

export function describeBusContract(adapterName: string, factory: BusFactory, options: BusContractOptions = {}): void {
  describe(`MessageBus contract: ${adapterName}`, () => {
    // Group joins, session timeouts and a child process take seconds on a real broker.
    jest.setTimeout(60_000);
    if (options.skip !== undefined) {
      it.skip(`SKIPPED, ${adapterName} unavailable: ${options.skip}`, () => undefined);
      return;
    }
    const ctx = useBus(factory);
    deliveryContract(ctx);
    failureContract(ctx);
  });
}

export function useBus(factory: BusFactory): BusContext {
  let current: BusUnderTest | undefined;
  let topic = '';
  beforeEach(async () => {
    current = await factory();
    topic = uniqueName('contract');
    await current.bus.ensureTopics([topic]);
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return {
    get current(): BusUnderTest {
      if (!current) throw new Error('no bus: use the context inside a test');
      return current;
    },
    get topic(): string {
      return topic;
    },
    consume(consumeOptions) {
      return this.current.bus.consume({ ...consumeOptions, topics: consumeOptions.topics ?? [topic] });
    },
  };
}

const PARTITIONS = 3;

function deliveryContract(ctx: BusContext): void {
  it('delivers a published message with its key, value, headers and partition', async () => {
    await ctx.current.bus.publish(ctx.topic, [{ key: 'demand-1', value: '{"n":1}', headers: { 'hope-event-id': 'e-1' } }]);
    const seen = new Deliveries();
    await ctx.consume({ groupId: uniqueName('g'), handler: seen.handler() });

    await waitFor('the message', () => seen.all.length >= 1);
    expect(seen.all[0]).toMatchObject({
      topic: ctx.topic,
      key: 'demand-1',
      value: '{"n":1}',
      offset: '0',
      attempt: 1,
      // Both adapters partition like Kafka's default partitioner (murmur2 of the key).
      partition: partitionForKey('demand-1', PARTITIONS),
    });
    expect(seen.all[0]?.headers).toEqual({ 'hope-event-id': 'e-1' });
  });

  it('reports a group\'s lag: everything for a group that never consumed, nothing once it caught up', async () => {
    const groupId = uniqueName('g');
    await ctx.current.bus.publish(ctx.topic, Array.from({ length: 7 }, (_, i) => ({ key: `k-${i}`, value: `${i}` })));
    expect(await ctx.current.bus.consumerLag(groupId, [ctx.topic])).toBe(7);
    const seen = new Deliveries();
    await ctx.consume({ groupId, handler: seen.handler() });
    await waitFor('7 messages', () => seen.all.length >= 7);
    await waitFor('lag 0 once offsets are committed', async () => (await ctx.current.bus.consumerLag(groupId, [ctx.topic])) === 0);
  });

  it('reports the lag per topic and partition: each partition its own backlog, every partition listed', async () => {
    const groupId = uniqueName('g');
    const keys = Array.from({ length: 12 }, (_, i) => `account-${i}`);
    const expected = Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: ctx.topic, partition, lag: keys.filter((k) => partitionForKey(k, PARTITIONS) === partition).length }));
    expect(new Set(expected.map((p) => p.lag)).size).toBeGreaterThan(1);
    await ctx.current.bus.publish(ctx.topic, keys.map((key) => ({ key, value: key })));
    expect(await ctx.current.bus.consumerLagByPartition(groupId, [ctx.topic])).toEqual(expected);

    const seen = new Deliveries();
    const handle = await ctx.consume({ groupId, handler: seen.handler() });
    await waitFor('12 messages', () => seen.all.length >= keys.length);
    await waitFor('lag 0 once offsets are committed', async () => (await ctx.current.bus.consumerLag(groupId, [ctx.topic])) === 0);
    expect(await ctx.current.bus.consumerLagByPartition(groupId, [ctx.topic])).toEqual(expected.map((p) => ({ ...p, lag: 0 })));
    await handle.stop();

    // New messages for one key while nobody consumes: its partition alone lags, by exactly that many.
    await ctx.current.bus.publish(ctx.topic, [1, 2, 3].map((n) => ({ key: 'account-0', value: `${n}` })));
    const behind = partitionForKey('account-0', PARTITIONS);
    expect(await ctx.current.bus.consumerLagByPartition(groupId, [ctx.topic])).toEqual(expected.map((p) => ({ ...p, lag: p.partition === behind ? 3 : 0 })));
  });

  it('keeps the order of each key while keys interleave across partitions', async () => {
    const keys = ['account-1', 'account-2', 'account-3', 'account-4', 'account-5', 'account-6'];
    expect(new Set(keys.map((k) => partitionForKey(k, PARTITIONS))).size).toBeGreaterThan(1);
    for (let round = 0; round < 4; round++) {
      const messages = [];
      for (let i = round * 5; i < round * 5 + 5; i++) for (const key of keys) messages.push({ key, value: `${key}#${i}` });
      await ctx.current.bus.publish(ctx.topic, messages);
    }
    const seen = new Deliveries();
    await ctx.consume({ groupId: uniqueName('g'), handler: seen.handler() });

    await waitFor('120 messages', () => seen.all.length >= 120);
    for (const key of keys) {
      expect(seen.byKey().get(key)).toEqual(Array.from({ length: 20 }, (_, i) => `${key}#${i}`));
    }
    expect(new Set(seen.all.map((m) => m.partition)).size).toBeGreaterThan(1);
  });

  it('shares a group between two members, and every message is handled', async () => {
    const groupId = uniqueName('g');
    const seen = new Deliveries();
    await ctx.consume({ groupId, handler: seen.handler('A') });
    await ctx.consume({ groupId, handler: seen.handler('B') });

    // Publish in waves until both members have work: a Kafka member joins asynchronously.
    const published: string[] = [];
    const bothWorking = (): boolean => new Set(seen.all.map((m) => m.member)).size === 2;
    for (let wave = 0; !bothWorking(); wave++) {
      if (wave > 120) throw new Error('the second member never got a partition');
      const messages = Array.from({ length: 12 }, (_, i) => ({ key: `expert-${i}`, value: `w${wave}-${i}` }));
      await ctx.current.bus.publish(ctx.topic, messages);
      published.push(...messages.map((m) => m.value));
      await delay(250);
    }

    await waitFor('every message', () => published.every((v) => seen.distinctValues().has(v)));
    expect(new Set(seen.all.filter((m) => m.member === 'A').map((m) => m.partition)).size).toBeGreaterThan(0);
    expect(new Set(seen.all.filter((m) => m.member === 'B').map((m) => m.partition)).size).toBeGreaterThan(0);
  });

  it('resumes a group from its committed offsets after a consumer stops mid-stream', async () => {
    const groupId = uniqueName('g');
    const values = Array.from({ length: 40 }, (_, i) => `m${i}`);
    await ctx.current.bus.publish(ctx.topic, values.map((value, i) => ({ key: `k${i % 8}`, value })));
    const first = new Deliveries();
    const a = await ctx.consume({ groupId, handler: first.handler('A', () => delay(10)) });
    await waitFor('a few messages', () => first.all.length >= 10);
    await a.stop();
    const handledByFirst = first.all.length;

    const second = new Deliveries();
    await ctx.consume({ groupId, handler: second.handler('B') });
    const handled = (): Set<string> => new Set([...first.values(), ...second.values()]);
    await waitFor('every message', () => values.every((v) => handled().has(v)));

    expect(first.all.length).toBe(handledByFirst); // a stopped consumer handles nothing more
    expect(second.all.length).toBeLessThanOrEqual(40 - handledByFirst); // resumed, did not start over
  });
}
