import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_NAMES, Topics, deadLetterTopic } from '@hope/contracts';
import { loadPlatformConfig } from '@hope/platform';
import { composeEnvironments } from '../src/testing/deployed-env';

/** docker-compose.yml stays consistent with the code: no Docker engine here, so it is checked as data. */
const ROOT = resolve(__dirname, '../..');
type ComposeService = {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
  entrypoint?: unknown;
};
const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

describe('docker-compose.yml', () => {
  it('runs each service from the one image, on the entry point its source compiles to, with health checks', () => {
    for (const name of SERVICE_NAMES) {
      const s = compose.services[name]!;
      expect(s.image).toBe('hope/platform:dev');
      const [entry] = s.command!;
      expect(entry).toBe(`dist/services/${name}/src/main.js`);
      expect(existsSync(resolve(ROOT, entry!.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      expect(s.environment).toMatchObject({ SERVICE_NAME: name, KAFKA_BROKERS: 'kafka:9092', REDIS_URL: 'redis://redis:6379' });
      expect(s.environment!.EVENTSTORE_URL).toMatch(/^esdb:\/\/eventstore:2113/);
      expect(s.healthcheck?.test).toEqual(expect.arrayContaining([expect.stringContaining('/health/ready')]));
      // kafka-topics too since topics are managed (KAFKA_MANAGED_TOPICS): services start after they exist.
      expect(Object.keys(s.depends_on ?? {}).sort()).toEqual(['eventstore', 'kafka', 'kafka-topics', 'redis']);
      expect(s.depends_on!['kafka-topics']).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('runs the same Kafka major as the tests, in KRaft mode, and creates every topic and its dead-letter topic', () => {
    const pom = readFileSync(resolve(ROOT, 'tools/kafka/pom.xml'), 'utf8');
    const testMajor = /<kafka\.version>(\d+)\./.exec(pom)![1];
    const kafka = compose.services.kafka!;
    expect(kafka.image).toMatch(new RegExp(`^apache/kafka:${testMajor}\\.`));
    expect(kafka.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    const script = JSON.stringify(compose.services['kafka-topics']!.command);
    for (const topic of Object.values(Topics)) {
      expect(script).toContain(topic);
    }
    expect(script).toContain('$$name');
    expect(deadLetterTopic(Topics.points)).toBe('hope.points.events.dlq');
    expect(script).toContain('$$t.dlq');
  });

  it('gives each service an environment the production config loader accepts, with every other service\'s URL', () => {
    const env = composeEnvironments({ HOPE_SERVICE_TOKEN: 'a-minted-token' });
    for (const name of SERVICE_NAMES) {
      const config = loadPlatformConfig(env[name]);
      expect(config).toMatchObject({ nodeEnv: 'production', dataDir: '/app/.data', kafka: { managedTopics: true, topicPartitions: 6 } });
      expect(config.auth.keys.kind).toBe('hs256');
      for (const other of SERVICE_NAMES) expect(env[name][`HOPE_${other.toUpperCase()}_URL`]).toMatch(new RegExp(`^http://${other}:\\d+$`));
      expect(env[name].AUTH_SERVICE_TOKEN).toBe('a-minted-token');
    }
  });
});
