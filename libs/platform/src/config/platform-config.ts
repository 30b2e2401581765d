import { EnvReader, type Env } from './env-reader';
import { readKafkaConnection, type KafkaConnectionConfig } from './kafka-config';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the keys that verify bearer tokens come from. Exactly one applies. */
export type AuthKeySource =
  | { kind: 'jwks'; jwksUrl: string }
  | { kind: 'hs256'; secret: string }
  /** Embedded mode: tokens are minted by the in-process DevIssuer; `devSecret` makes them stable across restarts. */
  | { kind: 'dev'; devSecret?: string };

export interface AuthConfig {
  issuer: string;
  audience: string;
  keys: AuthKeySource;
  /** Tokens must carry `exp`, and live at most this long (from `iat`, or from now). Default 24 h. */
  maxTokenLifetimeSeconds?: number;
}

export interface PlatformConfig {
  serviceName: string;
  port: number;
  host: string;
  dataDir: string;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  eventStoreUrl?: string;
  /** One SQLite file several services share (each namespaced in it), instead of `<dataDir>/<service>.events.sqlite`. */
  eventStoreFile?: string;
  kafkaBrokers?: string[];
  /** TLS, SASL/SCRAM and topic ownership for KAFKA_BROKERS (see kafka-config.ts). */
  kafka: KafkaConnectionConfig;
  redisUrl?: string;
  /** Namespaces shared-state keys so environments and services sharing one Redis never collide. */
  redisKeyPrefix: string;
  auth: AuthConfig;
  /** Writes (POST/PUT/PATCH/DELETE) per principal per window; 0 turns the limit off. */
  rateLimit: { writes: number; windowMs: number };
  /**
   * How long an idle kept-alive connection stays open (HTTP_KEEP_ALIVE_TIMEOUT_MS). Longer than a client's or
   * a proxy's idle timeout, so the server is never the side that closes a socket a client is reusing.
   */
  httpKeepAliveMs: number;
}

export interface PlatformConfigDefaults {
  serviceName?: string;
  port?: number;
}

/** HS256 with a short secret is brute-forceable offline; 32 bytes matches the hash size. */
const MIN_SECRET_LENGTH = 32;

/**
 * Reads what every service needs. `defaults` lets a service's main.ts give its own name and port;
 * the environment still wins, so one image can be configured per deployment.
 */
export function loadPlatformConfig(env: Env, defaults: PlatformConfigDefaults = {}): PlatformConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const serviceName = r.string('SERVICE_NAME') ?? defaults.serviceName;
  if (serviceName === undefined) r.fail('SERVICE_NAME is required (or pass serviceName as a default)');
  else if (!/^[a-z][a-z0-9-]{0,39}$/.test(serviceName)) {
    r.fail(`SERVICE_NAME must be lowercase letters, digits and dashes, got "${serviceName}"`);
  }
  const config: PlatformConfig = {
    serviceName: serviceName ?? '',
    port: r.int('PORT', { min: 1, max: 65535, fallback: defaults.port ?? 3000 }),
    host: r.string('HOST', '0.0.0.0'),
    dataDir: r.string('DATA_DIR', './.data'),
    nodeEnv,
    // Tests stay quiet unless someone asks for logs with LOG_LEVEL.
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    eventStoreUrl: r.url('EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover', 'kdb']),
    eventStoreFile: r.string('EVENTSTORE_FILE'),
    kafkaBrokers: r.list('KAFKA_BROKERS', { re: /^[A-Za-z0-9.-]+:\d{1,5}$/, what: 'host:port entries' }),
    kafka: readKafkaConnection(r),
    redisUrl: r.url('REDIS_URL', ['redis', 'rediss']),
    redisKeyPrefix: r.string('REDIS_KEY_PREFIX', `hope:${nodeEnv}:${serviceName ?? 'unknown'}:`),
    auth: readAuth(r, nodeEnv),
    rateLimit: {
      writes: r.int('RATE_LIMIT_WRITES', { min: 0, max: 1_000_000, fallback: 300 }),
      windowMs: r.int('RATE_LIMIT_WINDOW_MS', { min: 100, max: 3_600_000, fallback: 10_000 }),
    },
    // Node's 5 s default is shorter than undici's pool (4 s, racing it under load) and than proxies' upstream
    // keep-alive (ingress-nginx 60 s): a request sent on a socket the server is closing is reset (ECONNRESET, 502).
    httpKeepAliveMs: r.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', { min: 1_000, max: 600_000, fallback: 65_000 }),
  };
  // Two stores at once would split a service's history between them.
  if (config.eventStoreUrl !== undefined && config.eventStoreFile !== undefined) r.fail('EVENTSTORE_URL and EVENTSTORE_FILE are exclusive: set at most one');
  r.done();
  return config;
}

function readAuth(r: EnvReader, nodeEnv: NodeEnv): AuthConfig {
  const issuer = r.string('AUTH_JWT_ISSUER', 'hope');
  const audience = r.string('AUTH_JWT_AUDIENCE', 'hope');
  const jwksUrl = r.url('AUTH_JWKS_URL', ['https', 'http']);
  const secret = r.raw('AUTH_JWT_SECRET');
  const devSecret = r.raw('AUTH_DEV_SECRET');
  // Dev mode is the default only outside production, and only when no real key source is configured.
  const devMode = r.bool('AUTH_DEV_MODE', nodeEnv !== 'production' && jwksUrl === undefined && secret === undefined);

  const configured = [jwksUrl !== undefined, secret !== undefined, devMode].filter(Boolean).length;
  if (configured > 1) r.fail('AUTH_JWKS_URL, AUTH_JWT_SECRET and AUTH_DEV_MODE=true are exclusive: set exactly one');
  if (devMode && nodeEnv === 'production') r.fail('AUTH_DEV_MODE must not be true when NODE_ENV=production');
  if (configured === 0 && r.raw('AUTH_JWKS_URL') === undefined) {
    r.fail('AUTH_JWKS_URL or AUTH_JWT_SECRET is required when AUTH_DEV_MODE is false');
  }
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    r.fail(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`);
  }
  if (devSecret !== undefined && devSecret.length < MIN_SECRET_LENGTH) {
    r.fail(`AUTH_DEV_SECRET must be at least ${MIN_SECRET_LENGTH} characters, got ${devSecret.length}`);
  }

  const maxTokenLifetimeSeconds = r.int('AUTH_MAX_TOKEN_LIFETIME_SECONDS', { min: 60, max: 30 * 86_400, fallback: 86_400 });
  if (jwksUrl !== undefined) return { issuer, audience, maxTokenLifetimeSeconds, keys: { kind: 'jwks', jwksUrl } };
  if (secret !== undefined) return { issuer, audience, maxTokenLifetimeSeconds, keys: { kind: 'hs256', secret } };
  return { issuer, audience, maxTokenLifetimeSeconds, keys: devSecret !== undefined ? { kind: 'dev', devSecret } : { kind: 'dev' } };
}
