import Redis, { type RedisOptions } from 'ioredis';
import { systemClock, type Clock } from '../tokens';
import type { SharedState } from './shared-state.port';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

// Take the lease if free, or extend it if `holder` already has it; atomic so two replicas never both win.
const ACQUIRE_LEASE = `
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

// Delete only our own lease: a holder whose lease expired must not free its successor's.
const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

// Count and set the expiry together, so a crash between the two cannot leave an immortal counter.
const INCREMENT_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

export interface RedisSharedStateOptions {
  url?: string;
  /** Prepended to every key, e.g. `hope:production:points:`. */
  keyPrefix: string;
  clock?: Clock;
  /** Extra ioredis options (timeouts, retry strategy). */
  redis?: RedisOptions;
}

/** SharedState over Redis, for several replicas of a service. Clock only picks counter windows. */
export class RedisSharedState implements SharedState {
  readonly client: Redis;
  private readonly prefix: string;
  private readonly clock: Clock;

  constructor(options: RedisSharedStateOptions) {
    this.client = new Redis(options.url ?? DEFAULT_REDIS_URL, { lazyConnect: false, ...options.redis });
    this.prefix = options.keyPrefix;
    this.clock = options.clock ?? systemClock;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(this.k(key), value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.k(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.client.set(this.k(key), value);
    else await this.client.set(this.k(key), value, 'PX', ttlMs);
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.k(key));
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.client.eval(ACQUIRE_LEASE, 1, this.k(`lease:${name}`), holder, ttlMs)) === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.client.eval(RELEASE_LEASE, 1, this.k(`lease:${name}`), holder);
  }

  async incrementWindow(key: string, windowMs: number): Promise<number> {
    const window = Math.floor(this.clock.now().getTime() / windowMs);
    // Keep each window a little longer than itself so a slow clock on another replica still counts in it.
    const count = await this.client.eval(INCREMENT_WINDOW, 1, this.k(`window:${key}:${window}`), windowMs * 2);
    return Number(count);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private k(key: string): string {
    return `${this.prefix}${key}`;
  }
}
