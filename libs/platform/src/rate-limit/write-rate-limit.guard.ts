import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { PLATFORM_CONFIG } from '../tokens';
import { TooManyRequestsError } from '../errors/domain-errors';
import type { PlatformConfig } from '../config/platform-config';
import type { PlatformRequest } from '../http/http-types';
import type { SharedState } from '../shared-state/shared-state.port';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * @nestjs/throttler's storage over our SharedState: a fixed-window counter per key, in Redis when the
 * service runs with REDIS_URL (so every replica counts the same window), in memory otherwise.
 */
export class SharedStateThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly state: SharedState) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const totalHits = await this.state.incrementWindow(`rate:${key}`, ttl);
    const timeToExpire = Math.max(1, Math.ceil((ttl - (Date.now() % ttl)) / 1000));
    const isBlocked = totalHits > limit;
    return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}

/** The throttler's options from the platform config: RATE_LIMIT_WRITES per RATE_LIMIT_WINDOW_MS. */
export const rateLimitOptions = (config: PlatformConfig, state: SharedState): ThrottlerModuleOptions => ({
  throttlers: [{ name: 'default', ttl: config.rateLimit.windowMs, limit: Math.max(1, config.rateLimit.writes) }],
  storage: new SharedStateThrottlerStorage(state),
  setHeaders: true,
});

/**
 * Writes are limited per principal (not per IP: many users share a gateway), after authentication.
 * Services calling each other are not limited here: their callers already were, and a saga's burst (a
 * job resuming payments) must not fail for it. Reads are not limited. 429 problem+json with Retry-After.
 */
@Injectable()
export class WriteRateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    // RATE_LIMIT_WRITES=0 turns the limit off (benchmarks measuring raw throughput).
    if (this.config.rateLimit.writes === 0 || context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<PlatformRequest>();
    return !WRITES.has(req.method ?? '') || !req.principal || req.principal.role === 'service';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const who = (req as unknown as PlatformRequest).principal!;
    return `${who.role}:${who.subject}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new TooManyRequestsError(detail.timeToBlockExpire, `More than ${detail.limit} writes in ${detail.ttl / 1000} s by ${detail.tracker}; retry in ${detail.timeToBlockExpire} s`);
  }
}
