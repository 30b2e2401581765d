import { mkdtempSync, rmSync } from 'node:fs';
import { oneHeavySpecAtATime } from '../src/testing/one-heavy-spec-at-a-time';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { deadLetterTopic, Topics } from '@hope/contracts';
import { KafkaBus, type IncomingMessage } from '@hope/messaging';
import { kafkaUnavailable } from '@hope/messaging/testing';
import { DevIssuer } from '@hope/platform';
import { eventually } from '../src/testing/eventually';
import { freePort, startKafkaBroker, type KafkaBroker } from '../src/testing/kafka-broker';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../src/testing/redis-server';
import { ServiceProcess } from '../src/testing/service-process';

const unavailable = kafkaUnavailable() ?? (redisServerAvailable() ? undefined : 'redis-server is not installed');
if (unavailable && process.env.CI === 'true') throw new Error(`distributed fault tests need Kafka and redis-server in CI: ${unavailable}`);
if (unavailable) process.stderr.write(`distributed fault tests skipped: ${unavailable}\n`);
const describeIfReady = unavailable ? describe.skip : describe;

/**
 * Faults in the distributed run, each its own test, on separate service processes over a dedicated
 * Kafka broker and a private Redis. After each: every probe recorded exactly once by every consumer,
 * and each read model equal to a from-scratch rebuild.
 */
describeIfReady('distributed faults: nothing lost, nothing counted twice, projections equal a rebuild', () => {
  oneHeavySpecAtATime();
  jest.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'hope-faults-'));
  const secret = `faults-dev-secret-${randomUUID()}`;
  const services = new Map<string, ServiceProcess>();
  let broker: KafkaBroker;
  let redis: TestRedis;
  let bus: KafkaBus;
  let token = '';
  const all: string[] = [];

  beforeAll(async () => {
    [broker, redis] = await Promise.all([startKafkaBroker(), startTestRedis()]);
    for (const service of ['demand', 'matching', 'points'] as const) {
      services.set(
        service,
        new ServiceProcess({
          service,
          port: await freePort(),
          env: { KAFKA_BROKERS: broker.brokers, REDIS_URL: redis.url, DATA_DIR: join(dir, service), AUTH_DEV_SECRET: secret, LOG_LEVEL: 'warn' },
        }),
      );
    }
    await Promise.all([...services.values()].map((s) => s.start()));
    bus = await KafkaBus.connect({ brokers: broker.brokers, clientId: 'faults-test' });
    token = await (await DevIssuer.create({ issuer: 'hope', audience: 'hope', secret })).issue({ sub: 'sre', role: 'operator' });
  });

  afterAll(async () => {
    await bus?.close();
    await Promise.all([...services.values()].map((s) => s.stop()));
    await broker?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const svc = (name: string) => services.get(name)!;
  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  const sendProbes = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = await fetch(`${svc('demand').url}/ops/probes`, { method: 'POST', headers: auth(), body: '{}' });
      expect(r.status).toBe(202);
      ids.push(((await r.json()) as { probeId: string }).probeId);
    }
    all.push(...ids);
    return ids;
  };

  const receipts = async (service: string, probeId: string): Promise<number> => {
    const r = await fetch(`${svc(service).url}/ops/probes/${probeId}`, { headers: auth() });
    return r.status === 404 ? 0 : ((await r.json()) as { receipts: unknown[] }).receipts.length;
  };

  /** Every probe sent so far is recorded once by points and by matching, also after things settle. */
  const everyProbeExactlyOnce = async () => {
    for (const service of ['points', 'matching']) {
      await eventually(async () => expect((await Promise.all(all.map((p) => receipts(service, p)))).filter((n) => n === 0)).toHaveLength(0), { timeoutMs: 120_000, intervalMs: 500 });
    }
    await new Promise((r) => setTimeout(r, 2_000));
    for (const service of ['points', 'matching']) expect(await Promise.all(all.map((p) => receipts(service, p)))).toEqual(all.map(() => 1));
  };

  afterEach(async () => {
    for (const service of ['points', 'matching']) {
      const r = await fetch(`${svc(service).url}/ops/projections/probe-receipts/rebuild`, { method: 'POST', headers: auth() });
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ drifted: false });
    }
  });

  it('SIGKILL of a consumer in the middle of a burst', async () => {
    const burst = sendProbes(30);
    await new Promise((r) => setTimeout(r, 300));
    await svc('points').kill();
    await burst;
    await svc('points').start();
    await everyProbeExactlyOnce();
  });

  it('a Kafka broker restart while probes are being sent', async () => {
    await sendProbes(5);
    const restart = broker.restart();
    await sendProbes(10);
    await restart;
    await sendProbes(5);
    await everyProbeExactlyOnce();
  });

  it('Redis restarted (relay leases and idempotency keys gone)', async () => {
    await sendProbes(5);
    await redis.restart();
    await sendProbes(5);
    await everyProbeExactlyOnce();
  });

  it('a poison message goes to the dead-letter topic and nothing else stops', async () => {
    const dead: IncomingMessage[] = [];
    const reader = await bus.consume({ groupId: `dlq-${randomUUID()}`, topics: [deadLetterTopic(Topics.demand)], handler: async (m) => void dead.push(m) });
    await bus.publish(Topics.demand, [{ key: 'probe-poison', value: 'not json at all' }]);
    await sendProbes(5);
    await everyProbeExactlyOnce();
    await eventually(() => expect(dead.map((m) => m.headers['hope-original-topic'])).toEqual(expect.arrayContaining([Topics.demand])), { timeoutMs: 30_000 });
    await reader.stop();
  });

  it('duplicate delivery of every event on the topic', async () => {
    const seen: IncomingMessage[] = [];
    const copier = await bus.consume({ groupId: `copy-${randomUUID()}`, topics: [Topics.demand], handler: async (m) => void seen.push(m) });
    await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(all.length), { timeoutMs: 60_000 });
    await copier.stop();
    await bus.publish(
      Topics.demand,
      seen.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    );
    await sendProbes(3);
    await everyProbeExactlyOnce();
  });
});
