import Database from 'better-sqlite3';
import { SERVICE_NAMES, Topics, Headers } from '@hope/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { describeWithKafka } from '../src/testing/describe-with-kafka';
import { DistributedRun } from '../src/testing/distributed-run';
import { eventually } from '../src/testing/eventually';
import { callService } from '../src/testing/http-caller';
import { checkStory, expectedStoryOutcome, playStory, storyCast } from '../src/testing/story';

/**
 * Issue 13: one event store shared by the four services, as compose and k8s deploy one EventStoreDB.
 * EventStoreDB cannot run here, so one SQLite file stands in for it (EVENTSTORE_FILE: every process,
 * both points replicas included, opens the same file; the composition root namespaces each service in
 * it exactly as it does on EventStoreDB). Real Kafka and Redis, each service its own process, the whole
 * story over HTTP with a points replica SIGKILLed mid-story. Then: no dead letter anywhere, every topic
 * carries only its own service's events (before namespacing, each relay republished everyone's), and
 * the balances are what the rules give and equal a rebuild on both replicas.
 */
describeWithKafka('the whole story on ONE event store shared by every service', () => {
  jest.setTimeout(300_000);
  const run = new DistributedRun('story-shared');
  const cast = storyCast(run.id);

  beforeAll(() => run.start({ services: ['demand', 'matching', 'consulting', 'points'], replicas: { points: 2 }, sharedEventStore: true }));
  afterAll(() => run.stop());

  it('nothing dead-lettered, no foreign event republished, balances equal a rebuild', async () => {
    const victim = run.cluster.replica('points', 1);
    await playStory(run, cast, {
      afterAdoption: async () => {
        await victim.kill();
        await victim.start();
      },
    });
    expect(await checkStory(run, cast)).toEqual(expectedStoryOutcome(run, cast));

    const owners = ownersByEventId(run.sharedEventStoreFile);
    // Every service wrote its streams into the one file, under its own namespace.
    expect(new Set(owners.values())).toEqual(new Set(SERVICE_NAMES));

    const published = await eventIdsPerTopic(run);
    const foreign = Object.entries(published).flatMap(([service, ids]) => ids.filter((id) => owners.get(id) !== service).map((id) => `${service}: ${id} of ${owners.get(id) ?? 'nobody'}`));
    expect(foreign).toEqual([]);
    for (const service of SERVICE_NAMES) expect(published[service]!.length).toBeGreaterThan(0);

    const letters: Record<string, unknown[]> = {};
    for (const service of SERVICE_NAMES) {
      for (const [i, replica] of run.cluster.replicas(service).entries()) {
        const r = await callService(run.tokens, replica.url, 'GET', '/ops/dead-letters?limit=200', cast.operator);
        expect(r.status).toBe(200);
        letters[`${service}#${i}`] = (r.body as { items: unknown[] }).items;
      }
    }
    expect(Object.values(letters).flat()).toEqual([]);
  });
});

/** Which service's namespace holds each event of the shared store. */
function ownersByEventId(file: string): Map<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare<[], { id: string; stream: string }>('SELECT id, stream FROM events').all();
    return new Map(rows.map((r) => [r.id, r.stream.slice(0, r.stream.indexOf('.'))]));
  } finally {
    db.close();
  }
}

/** The event id of every message on each service's topic, read to its end with a fresh consumer group. */
async function eventIdsPerTopic(run: DistributedRun): Promise<Record<string, string[]>> {
  const kafka = new Kafka({ clientId: `shared-store-${run.id}`, brokers: [run.brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  let total = 0;
  try {
    for (const topic of Object.values(Topics)) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        ends.set(`${topic}/${p.partition}`, Number(p.high));
        total += Number(p.high) - Number(p.low);
      }
    }
  } finally {
    await admin.disconnect();
  }
  const ids: Record<string, string[]> = Object.fromEntries(SERVICE_NAMES.map((s) => [s, []]));
  const serviceOf = new Map<string, string>(Object.entries(Topics).map(([service, topic]) => [topic, service]));
  let seen = 0;
  const consumer = kafka.consumer({ groupId: `shared-store-reader-${run.id}` });
  await consumer.connect();
  await consumer.subscribe({ topics: Object.values(Topics), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      if (Number(message.offset) >= (ends.get(`${topic}/${partition}`) ?? 0)) return;
      seen += 1;
      ids[serviceOf.get(topic)!]!.push(String(message.headers?.[Headers.eventId] ?? ''));
    },
  });
  try {
    await eventually(() => expect(seen).toBe(total), { timeoutMs: 60_000, intervalMs: 200 });
  } finally {
    await consumer.disconnect();
  }
  return ids;
}
