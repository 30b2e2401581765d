import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@hope/contracts';
import { DevIssuer, loadPlatformConfig, type Role } from '@hope/platform';
import { describeWithKafka } from '../src/testing/describe-with-kafka';
import { composeEnvironments, composeTopics, kustomizeEnvironments, SERVICES, toLocal, type DeployedEnv } from '../src/testing/deployed-env';
import { eventually } from '../src/testing/eventually';
import { freePort, startKafkaBroker, type KafkaBroker } from '../src/testing/kafka-broker';
import { kubectlMissing, renderOverlay, type K8sObject } from '../src/testing/kustomize';
import type { ServiceName } from '../src/testing/service-cluster';
import { ServiceProcess } from '../src/testing/service-process';

/**
 * The deployed environments boot: each service started as its own process with the environment
 * docker-compose.yml and the dev kustomize overlay give it, changed only where this machine differs
 * (toLocal: loopback hosts and ports, and EVENTSTORE_URL replaced by the embedded store under a
 * temporary DATA_DIR, since no EventStoreDB runs here). Secrets get test values of their documented
 * keys; the service token is minted with the stack's HS256 secret, as deploy/README.md says to.
 * Then the pipeline probe crosses all four services, and demand's need saga reserves points over HTTP.
 */
const kubectl = kubectlMissing();
if (kubectl) process.stderr.write(`deployed-env: the kustomize case is skipped: ${kubectl}\n`);

describeWithKafka('the deployed environments boot and work across services', () => {
  jest.setTimeout(600_000);
  let broker: KafkaBroker;
  let dir: string;
  const kafkaUsers = new Map<string, string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-deployed-'));
    // The dev overlay's KafkaUsers get SCRAM credentials, as Strimzi's User Operator would make them.
    const users = kubectl ? [] : renderOverlay('dev').filter((o) => o.kind === 'KafkaUser').map((o) => o.metadata.name);
    for (const u of users) kafkaUsers.set(u, `pw-${randomUUID()}`);
    broker = await startKafkaBroker({ scramUsers: [...kafkaUsers].map(([username, password]) => ({ username, password })) });
  }, 180_000);
  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Creates the topics the platform manages (compose job / KafkaTopic resources), with their partitions. */
  const createTopics = async (topics: Map<string, number>): Promise<void> => {
    const admin = new Kafka({ clientId: 'deployed-env-topics', brokers: [broker.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...topics].filter(([t]) => !existing.has(t));
      await admin.createTopics({ waitForLeaders: true, topics: missing.map(([topic, numPartitions]) => ({ topic, numPartitions })) });
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics.keys()] });
      for (const t of metadata.topics) expect(t.partitions).toHaveLength(topics.get(t.name)!);
    } finally {
      await admin.disconnect();
    }
  };

  /** Runs the four services with `deployed` (mapped to this machine), then the probe and the saga. */
  const bootAndCheck = async (stack: string, deployed: DeployedEnv, kafka: string): Promise<void> => {
    const ports = {} as Record<ServiceName, number>;
    for (const s of SERVICES) ports[s] = await freePort();
    const run = randomUUID().slice(0, 6);
    const processes = SERVICES.map((service) => {
      const dataDir = join(dir, stack, service);
      mkdirSync(dataDir, { recursive: true });
      const env = toLocal(service, deployed[service], { kafka, redis: '127.0.0.1:6379', ports, dataDir: () => dataDir, redisKeyPrefix: (s) => `hope:deployed-${stack}-${run}:${s}:` });
      // What the manifest did not set stays unset: the process sees none of jest's environment.
      return new ServiceProcess({ service, port: ports[service], env, inheritEnv: false });
    });
    try {
      await Promise.all(processes.map((p) => p.start()));
      const env = deployed.demand;
      const issuer = await DevIssuer.create({ issuer: env.AUTH_JWT_ISSUER ?? 'hope', audience: env.AUTH_JWT_AUDIENCE ?? 'hope', secret: env.AUTH_JWT_SECRET! });
      const call = async (service: ServiceName, role: Role, sub: string, method: string, path: string, body?: unknown) => {
        const r = await fetch(`http://127.0.0.1:${ports[service]}${path}`, {
          method,
          headers: { authorization: `Bearer ${await issuer.issue({ sub, role })}`, 'content-type': 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: r.status, body: (await r.json().catch(() => undefined)) as Record<string, unknown> | undefined };
      };

      // The pipeline probe: demand's relay publishes, every other service's consumer records a receipt.
      const probe = await call('demand', 'operator', 'sre', 'POST', '/ops/probes', { note: `deployed ${stack}` });
      expect(probe.status).toBe(202);
      for (const other of ['matching', 'consulting', 'points'] as const) {
        await eventually(async () => expect((await call(other, 'operator', 'sre', 'GET', `/ops/probes/${String(probe.body!.probeId)}`)).status).toBe(200), { timeoutMs: 90_000, intervalMs: 500 });
      }

      // A points saga across services: demand reserves the need's price on points (HOPE_POINTS_URL, AUTH_SERVICE_TOKEN).
      const expert = `x-${run}`;
      expect((await call('points', 'operator', 'sre', 'POST', `/accounts/${expert}/adjustments`, { adjustmentId: randomUUID(), points: 300, reason: 'deployed-env grant' })).status).toBe(201);
      const need = await call('demand', 'expert', expert, 'POST', '/needs', { title: { en: 'Thermal camera' }, description: { en: 'Under 500 CNY.' }, domain: 'industrial-internet', keywords: ['thermal'] });
      expect(need).toMatchObject({ status: 201, body: { status: 'in-review', points: 100, expertId: expert } });
      expect((await call('points', 'operator', 'sre', 'GET', `/accounts/${expert}`)).body).toMatchObject({ available: 200, reserved: 100 });
    } catch (error) {
      throw new Error(`${String(error)}\n${processes.map((p) => `--- ${stack} ${p.url}\n${p.logs.slice(-3_000)}`).join('\n')}`);
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
    }
  };

  it('docker-compose.yml: HS256 dev auth, managed topics, plaintext Kafka', async () => {
    const secret = 'hope-dev-only-hs256-secret-never-in-prod-0123456789';
    // Minted as deploy/README.md says (`npx hope token --role service --stack compose`), with the compose default secret.
    const serviceToken = await (await DevIssuer.create({ issuer: 'hope', audience: 'hope', secret })).issue({ sub: 'service:compose', role: 'service' }, 30 * 86_400);
    expect(() => composeEnvironments({})).toThrow(/HOPE_SERVICE_TOKEN is not set/);
    const deployed = composeEnvironments({ HOPE_SERVICE_TOKEN: serviceToken });
    for (const s of SERVICES) expect(deployed[s]).toMatchObject({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret, KAFKA_MANAGED_TOPICS: 'true' });
    await createTopics(composeTopics(Object.values(Topics)));
    await bootAndCheck('compose', deployed, broker.brokers);
  });

  (kubectl ? it.skip : it)('kustomize dev overlay: HS256 from hope-secrets, SCRAM KafkaUsers, managed KafkaTopics', async () => {
    const objects = renderOverlay('dev');
    const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'hope-config')!.data!;
    const jwtSecret = `dev-overlay-secret-${randomUUID()}`;
    const serviceToken = await (await DevIssuer.create({ issuer: config.AUTH_JWT_ISSUER!, audience: config.AUTH_JWT_AUDIENCE!, secret: jwtSecret })).issue({ sub: 'service:hope', role: 'service' }, 30 * 86_400);
    const secrets: Record<string, Record<string, string>> = { 'hope-secrets': { AUTH_JWT_SECRET: jwtSecret, AUTH_SERVICE_TOKEN: serviceToken } };
    for (const [user, password] of kafkaUsers) secrets[user] = { password };
    const deployed = kustomizeEnvironments(objects, secrets);
    for (const s of SERVICES) expect(deployed[s]).toMatchObject({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: `hope-${s}`, KAFKA_MANAGED_TOPICS: 'true' });
    const topics = objects.filter((o): o is K8sObject & { spec: { topicName: string; partitions: number } } => o.kind === 'KafkaTopic');
    await createTopics(new Map(topics.map((t) => [t.spec.topicName, t.spec.partitions])));
    await bootAndCheck('k8s-dev', deployed, broker.saslBrokers!);
  });

  (kubectl ? it.skip : it)('kustomize prod overlay: the configuration loads (JWKS, Kafka TLS and SCRAM, EventStoreDB TLS)', () => {
    const objects = renderOverlay('prod');
    const secrets: Record<string, Record<string, string>> = { 'hope-secrets': { AUTH_SERVICE_TOKEN: 'issued-by-the-identity-provider' } };
    for (const s of SERVICES) secrets[`hope-${s}`] = { password: 'from-strimzi' };
    const deployed = kustomizeEnvironments(objects, secrets);
    // The CA files are mounted in the pod; here a stand-in file of the same kind.
    const ca = join(dir, 'ca.crt');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    for (const s of SERVICES) {
      const config = loadPlatformConfig({ ...deployed[s], KAFKA_SSL_CA_FILE: ca });
      expect(config.auth.keys.kind).toBe('jwks');
      expect(config.kafka).toMatchObject({ ssl: { ca: expect.stringContaining('CERTIFICATE') }, sasl: { mechanism: 'scram-sha-512', username: `hope-${s}` }, managedTopics: true });
      expect(config.eventStoreUrl).toMatch(/^esdb\+discover:.*tls=true/);
    }
  });
});
