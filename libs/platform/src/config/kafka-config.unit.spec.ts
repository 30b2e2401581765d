import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './env-reader';
import { loadPlatformConfig } from './platform-config';

const base = { SERVICE_NAME: 'points', NODE_ENV: 'test', KAFKA_BROKERS: 'k1:9093' };
const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadPlatformConfig({ ...base, ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('Kafka security and topic ownership from the environment', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-kafka-config-'));
    writeFileSync(join(dir, 'ca.crt'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writeFileSync(join(dir, 'password'), 's3cret-from-a-mounted-secret\n');
    writeFileSync(join(dir, 'empty'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to plaintext, no SASL, self-created topics with 6 partitions (as compose and the KafkaTopics)', () => {
    expect(loadPlatformConfig(base).kafka).toEqual({ managedTopics: false, topicPartitions: 6 });
  });

  it('reads TLS with a CA file, SCRAM-SHA-512 with a password file, and managed topics', () => {
    const c = loadPlatformConfig({
      ...base,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: join(dir, 'ca.crt'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'hope-points',
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
      KAFKA_MANAGED_TOPICS: 'true',
    });
    expect(c.kafka).toEqual({
      ssl: { ca: expect.stringContaining('BEGIN CERTIFICATE') },
      // The trailing newline of a mounted secret file is not part of the password.
      sasl: { mechanism: 'scram-sha-512', username: 'hope-points', password: 's3cret-from-a-mounted-secret' },
      managedTopics: true,
      topicPartitions: 6,
    });
  });

  it('reads SCRAM-SHA-256 with an inline password, and TLS on the system trust store', () => {
    const c = loadPlatformConfig({ ...base, KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' });
    expect(c.kafka.ssl).toEqual({});
    expect(c.kafka.sasl).toEqual({ mechanism: 'scram-sha-256', username: 'u', password: 'p' });
  });

  it('names each bad or missing variable', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual([
      'KAFKA_SASL_MECHANISM must be one of scram-sha-256, scram-sha-512, got "plain"',
    ]);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toEqual([
      'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM=scram-sha-512',
      'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required when KAFKA_SASL_MECHANISM=scram-sha-512',
    ]);
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })[0]).toMatch(/^KAFKA_SASL_MECHANISM is required/);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_PASSWORD_FILE: join(dir, 'password') })).toEqual([
      'KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are exclusive: set one',
    ]);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') })[0]).toMatch(
      /^KAFKA_SASL_PASSWORD_FILE must name a readable file .*ENOENT/,
    );
    expect(problemsOf({ KAFKA_SSL_CA_FILE: join(dir, 'empty') })[0]).toMatch(/^KAFKA_SSL_CA_FILE points at an empty file/);
    expect(problemsOf({ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: join(dir, 'ca.crt') })).toEqual(['KAFKA_SSL_CA_FILE is set but KAFKA_SSL=false: a CA is only used over TLS']);
    expect(problemsOf({ KAFKA_MANAGED_TOPICS: 'sometimes', KAFKA_TOPIC_PARTITIONS: '0' })).toEqual([
      'KAFKA_MANAGED_TOPICS must be true or false, got "sometimes"',
      'KAFKA_TOPIC_PARTITIONS must be an integer 1-1000, got "0"',
    ]);
  });
});
