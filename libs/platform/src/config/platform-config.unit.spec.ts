import { ConfigError, EnvReader } from './env-reader';
import { loadPlatformConfig } from './platform-config';

const base = { SERVICE_NAME: 'points', NODE_ENV: 'test' };
const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('loadPlatformConfig', () => {
  it('applies defaults: dev auth, ./.data, quiet logs in tests, a per-env/service redis prefix', () => {
    const c = loadPlatformConfig(base, { port: 3004 });
    expect(c).toMatchObject({
      serviceName: 'points',
      port: 3004,
      host: '0.0.0.0',
      dataDir: './.data',
      nodeEnv: 'test',
      logLevel: 'silent',
      redisKeyPrefix: 'hope:test:points:',
      auth: { issuer: 'hope', audience: 'hope', keys: { kind: 'dev' } },
    });
    expect(c.eventStoreUrl).toBeUndefined();
    expect(c.kafkaBrokers).toBeUndefined();
  });

  it('reads every variable', () => {
    const c = loadPlatformConfig({
      ...base,
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/hope',
      LOG_LEVEL: 'debug',
      EVENTSTORE_URL: 'esdb://es:2113?tls=false',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      REDIS_URL: 'redis://r:6379',
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_DEV_MODE: 'false',
      AUTH_JWT_ISSUER: 'https://idp.example',
      AUTH_JWT_AUDIENCE: 'hope-api',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/hope',
      logLevel: 'debug',
      eventStoreUrl: 'esdb://es:2113?tls=false',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      redisUrl: 'redis://r:6379',
      auth: { issuer: 'https://idp.example', audience: 'hope-api', keys: { kind: 'jwks' } },
    });
  });

  it('names the bad variable and why', () => {
    expect(problemsOf(() => loadPlatformConfig({ ...base, PORT: 'abc' }))).toEqual([
      'PORT must be an integer 1-65535, got "abc"',
    ]);
    expect(problemsOf(() => loadPlatformConfig({ ...base, PORT: '70000' }))[0]).toContain('PORT must be an integer 1-65535');
    expect(problemsOf(() => loadPlatformConfig({ ...base, LOG_LEVEL: 'loud' }))[0]).toBe(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    );
    expect(problemsOf(() => loadPlatformConfig({ ...base, REDIS_URL: 'http://x' }))[0]).toContain('REDIS_URL must be a redis or rediss URL');
    expect(problemsOf(() => loadPlatformConfig({ ...base, KAFKA_BROKERS: 'k1:9092,' }))[0]).toContain('KAFKA_BROKERS');
  });

  it('keeps idle HTTP connections 65 s unless HTTP_KEEP_ALIVE_TIMEOUT_MS says otherwise (1 s to 10 min)', () => {
    expect(loadPlatformConfig(base).httpKeepAliveMs).toBe(65_000);
    expect(loadPlatformConfig({ ...base, HTTP_KEEP_ALIVE_TIMEOUT_MS: '120000' }).httpKeepAliveMs).toBe(120_000);
    expect(problemsOf(() => loadPlatformConfig({ ...base, HTTP_KEEP_ALIVE_TIMEOUT_MS: '500' }))[0]).toContain('HTTP_KEEP_ALIVE_TIMEOUT_MS');
  });

  it('reads a shared SQLite store file, exclusive of EVENTSTORE_URL', () => {
    expect(loadPlatformConfig({ ...base, EVENTSTORE_FILE: '/shared/hope.sqlite' }).eventStoreFile).toBe('/shared/hope.sqlite');
    expect(problemsOf(() => loadPlatformConfig({ ...base, EVENTSTORE_FILE: '/s.sqlite', EVENTSTORE_URL: 'esdb://es:2113' }))).toEqual([
      'EVENTSTORE_URL and EVENTSTORE_FILE are exclusive: set at most one',
    ]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(() => loadPlatformConfig({ NODE_ENV: 'test', PORT: 'x', REDIS_URL: 'nope' }));
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/SERVICE_NAME[\s\S]*PORT[\s\S]*REDIS_URL/);
  });

  it('refuses dev auth in production and needs a real key source there', () => {
    expect(problemsOf(() => loadPlatformConfig({ ...base, NODE_ENV: 'production' }))).toEqual([
      'AUTH_JWKS_URL or AUTH_JWT_SECRET is required when AUTH_DEV_MODE is false',
    ]);
    expect(problemsOf(() => loadPlatformConfig({ ...base, NODE_ENV: 'production', AUTH_DEV_MODE: 'true' }))).toContain(
      'AUTH_DEV_MODE must not be true when NODE_ENV=production',
    );
    const secret = 's'.repeat(32);
    expect(loadPlatformConfig({ ...base, NODE_ENV: 'production', AUTH_JWT_SECRET: secret }).auth.keys).toEqual({ kind: 'hs256', secret });
  });

  it('rejects short secrets and conflicting key sources', () => {
    expect(problemsOf(() => loadPlatformConfig({ ...base, AUTH_JWT_SECRET: 'short' }))).toEqual([
      'AUTH_JWT_SECRET must be at least 32 characters, got 5',
    ]);
    expect(
      problemsOf(() => loadPlatformConfig({ ...base, AUTH_JWT_SECRET: 's'.repeat(32), AUTH_DEV_MODE: 'true' }))[0],
    ).toContain('exclusive');
  });

  it('uses a fixed dev secret when given', () => {
    const devSecret = 'd'.repeat(40);
    expect(loadPlatformConfig({ ...base, AUTH_DEV_SECRET: devSecret }).auth.keys).toEqual({ kind: 'dev', devSecret });
  });
});

describe('EnvReader', () => {
  it('treats empty values as unset and parses booleans strictly', () => {
    const r = new EnvReader({ A: '', B: 'yes', C: 'maybe' });
    expect(r.string('A', 'dflt')).toBe('dflt');
    expect(r.bool('B', false)).toBe(true);
    expect(r.bool('C', false)).toBe(false);
    expect(() => r.done()).toThrow('C must be true or false, got "maybe"');
  });
});
