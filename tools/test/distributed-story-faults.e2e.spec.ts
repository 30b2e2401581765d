import { randomUUID } from 'node:crypto';
import { Topics } from '@hope/contracts';
import { Kafka, logLevel, type Admin, type IHeaders } from 'kafkajs';
import { describeWithKafka } from '../src/testing/describe-with-kafka';
import { DistributedRun } from '../src/testing/distributed-run';
import { eventually } from '../src/testing/eventually';
import { checkStory, expectedStoryOutcome, playStory, storyCast, type StoryCast, type StoryHooks } from '../src/testing/story';

const SERVICES = ['demand', 'matching', 'consulting', 'points'] as const;
const SERVICE_TOPICS: string[] = Object.values(Topics);

/**
 * Issue 7: faults during the whole story (`playStory`: separate processes, two points replicas, real
 * Kafka and Redis, everything over HTTP), each its own test on a fresh run with its own broker. After
 * each, `checkStory`: the same balances as the plain story on both replicas (nothing lost), no movement
 * recorded twice (nothing counted twice), each replica's read models equal to a rebuild.
 */
describeWithKafka('the whole story, distributed, under faults: nothing lost, nothing counted twice, projections equal a rebuild', () => {
  jest.setTimeout(240_000);
  let distributed: DistributedRun | undefined;

  /** A fresh run (private broker, the four services, two points replicas) and the story's cast. */
  const freshRun = async (name: string): Promise<[DistributedRun, StoryCast]> => {
    distributed = new DistributedRun(name);
    await distributed.start({ services: SERVICES, replicas: { points: 2 } });
    return [distributed, storyCast(distributed.id)];
  };
  afterEach(async () => {
    await distributed?.stop();
    distributed = undefined;
  });

  const playAndCheck = async (run: DistributedRun, cast: StoryCast, hooks: StoryHooks) => {
    await playStory(run, cast, hooks);
    expect(await checkStory(run, cast)).toEqual(expectedStoryOutcome(run, cast));
  };

  it('a points replica SIGKILLed after the adoption (its events in flight) and restarted', async () => {
    const [run, cast] = await freshRun('story-kill');
    const victim = run.cluster.replica('points', 1);
    await playAndCheck(run, cast, {
      afterAdoption: async () => {
        // No goodbye: no offset commit, no checkpoint, no lease release; the adoption's earnings are
        // on their way to whichever replica holds the partition.
        await victim.kill();
        expect(victim.running).toBe(false);
        await victim.start();
      },
    });
  });

  it('the Kafka broker restarted after the adoption', async () => {
    const [run, cast] = await freshRun('story-broker');
    await playAndCheck(run, cast, {
      afterAdoption: async () => {
        await run.broker!.restart();
      },
    });
  });

  it('every event of every service topic delivered a second time after the story changes nothing', async () => {
    const [run, cast] = await freshRun('story-dupes');
    await playAndCheck(run, cast, {});

    const kafka = new Kafka({ clientId: `story-dupes-${run.id}`, brokers: [run.brokers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const before = await consumedPartitions(admin);
      const copied = await copyEveryMessage(kafka, admin);
      // Every service topic carried some of the story, and every copy went back on its topic.
      expect(Object.fromEntries(SERVICE_TOPICS.map((t) => [t, (copied.get(t) ?? 0) > 0]))).toEqual(Object.fromEntries(SERVICE_TOPICS.map((t) => [t, true])));
      // The copies were handled, not just published: every consumer group is past them.
      await eventually(async () => expect(await lagOf(admin, before)).toEqual([]), { timeoutMs: 60_000, intervalMs: 500 });
    } finally {
      await admin.disconnect();
    }
    expect(await checkStory(run, cast)).toEqual(expectedStoryOutcome(run, cast));
  });
});

/** Per service consumer group, the service topics it has committed offsets on (the ones it consumes). */
async function consumedPartitions(admin: Admin): Promise<Map<string, string[]>> {
  const consumed = new Map<string, string[]>();
  for (const group of SERVICES) {
    const offsets = await admin.fetchOffsets({ groupId: group, topics: SERVICE_TOPICS });
    consumed.set(
      group,
      offsets.filter((t) => t.partitions.some((p) => Number(p.offset) >= 0)).map((t) => t.topic),
    );
  }
  return consumed;
}

/** Partitions where a group's committed offset is behind the end of the topic: `group topic/partition committed<end`. */
async function lagOf(admin: Admin, consumed: Map<string, string[]>): Promise<string[]> {
  const behind: string[] = [];
  for (const [group, topics] of consumed) {
    if (topics.length === 0) continue;
    const committed = await admin.fetchOffsets({ groupId: group, topics });
    for (const { topic, partitions } of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, { low: Number(p.low), high: Number(p.high) }]));
      for (const p of partitions) {
        // An empty partition has nothing to consume (and no committed offset: -1).
        const { low, high } = ends.get(p.partition) ?? { low: 0, high: 0 };
        if (high > low && Number(p.offset) < high) behind.push(`${group} ${topic}/${p.partition} ${p.offset}<${high}`);
      }
    }
  }
  return behind;
}

/**
 * Reads every message of every service topic with a fresh consumer group, up to the end each topic
 * had when it started, and publishes a copy of each (same key, so the same partition; same value and
 * headers) after the original. How many it copied, per topic.
 */
async function copyEveryMessage(kafka: Kafka, admin: Admin): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
  let total = 0;
  for (const topic of SERVICE_TOPICS) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      ends.set(`${topic}/${p.partition}`, Number(p.high));
      total += Number(p.high) - Number(p.low);
    }
  }
  const seen: { topic: string; key: Buffer | null; value: Buffer | null; headers: IHeaders | undefined }[] = [];
  const consumer = kafka.consumer({ groupId: `story-copier-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: SERVICE_TOPICS, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      if (Number(message.offset) < (ends.get(`${topic}/${partition}`) ?? 0)) seen.push({ topic, key: message.key, value: message.value, headers: message.headers });
    },
  });
  try {
    await eventually(() => expect(seen.length).toBe(total), { timeoutMs: 60_000, intervalMs: 200 });
  } finally {
    await consumer.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  const copied = new Map<string, number>();
  try {
    for (const topic of SERVICE_TOPICS) {
      const messages = seen.filter((m) => m.topic === topic).map(({ key, value, headers }) => ({ key, value, ...(headers ? { headers } : {}) }));
      if (messages.length > 0) await producer.send({ topic, messages });
      copied.set(topic, messages.length);
    }
  } finally {
    await producer.disconnect();
  }
  return copied;
}
