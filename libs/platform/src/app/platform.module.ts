import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type InjectionToken,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { AuthGuard } from '../auth/auth.guard';
import { ThrottlerModule } from '@nestjs/throttler';
import { rateLimitOptions, WriteRateLimitGuard } from '../rate-limit/write-rate-limit.guard';
import { DevIssuer } from '../auth/dev-issuer';
import { TokenVerifier } from '../auth/token-verifier';
import type { PlatformConfig } from '../config/platform-config';
import { HealthController } from '../health/health.controller';
import { ReadinessRegistry } from '../health/readiness.registry';
import { JsonBodyGuard } from '../http/json-body.guard';
import { QueryParamsGuard } from '../http/query-params.guard';
import { enterRequestContext } from '../logging/correlation.middleware';
import { enterTraceContext } from '../tracing/http-span.middleware';
import { MetricsController } from '../metrics/metrics.controller';
import { MetricsService } from '../metrics/metrics.service';
import type { SharedState } from '../shared-state/shared-state.port';
import { CLOCK, PLATFORM_CONFIG, PLATFORM_LOGGER, SHARED_STATE, systemClock } from '../tokens';

/** Everything the platform module serves, built by createServiceApp (or a test) beforehand. */
export interface PlatformParts {
  config: PlatformConfig;
  logger: Logger;
  sharedState: SharedState;
  metrics: MetricsService;
  readiness: ReadinessRegistry;
  verifier: TokenVerifier;
  devIssuer?: DevIssuer;
  /** Ports bound by the service's composition root (EVENT_STORE, MESSAGE_BUS, CLOCK, ...), made global. */
  providers?: Provider[];
  /** Run when the app shuts down, for resources the platform opened (not ones passed in). */
  onShutdown?: Array<() => Promise<void>>;
}

const SHUTDOWN_HOOKS = Symbol('PLATFORM_SHUTDOWN_HOOKS');
const tokenOf = (p: Provider): InjectionToken => (typeof p === 'function' ? p : p.provide);

/**
 * Global per app (each Nest app has its own container), so service modules inject SHARED_STATE,
 * PLATFORM_CONFIG, ReadinessRegistry, MetricsService and the ports main.ts bound, without imports.
 */
@Module({})
export class PlatformModule implements NestModule, OnApplicationShutdown {
  constructor(
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
    @Inject(SHUTDOWN_HOOKS) private readonly shutdownHooks: Array<() => Promise<void>>,
  ) {}

  static forService(parts: PlatformParts): DynamicModule {
    const providers: Provider[] = [
      { provide: CLOCK, useValue: systemClock },
      { provide: PLATFORM_CONFIG, useValue: parts.config },
      { provide: PLATFORM_LOGGER, useValue: parts.logger },
      { provide: SHARED_STATE, useValue: parts.sharedState },
      { provide: MetricsService, useValue: parts.metrics },
      { provide: ReadinessRegistry, useValue: parts.readiness },
      { provide: TokenVerifier, useValue: parts.verifier },
      { provide: DevIssuer, useValue: parts.devIssuer ?? null },
      { provide: SHUTDOWN_HOOKS, useValue: parts.onShutdown ?? [] },
      { provide: APP_GUARD, useClass: AuthGuard },
      // After AuthGuard (guards run in this order): the limit is per principal.
      { provide: APP_GUARD, useClass: WriteRateLimitGuard },
      // A body the operation cannot read is refused before anything acts on the request.
      { provide: APP_GUARD, useClass: JsonBodyGuard },
      { provide: APP_GUARD, useClass: QueryParamsGuard },
      // Last, so a service's own CLOCK (or any other) replaces the defaults above.
      ...(parts.providers ?? []),
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        ThrottlerModule.forRoot(rateLimitOptions(parts.config, parts.sharedState)),
      ],
      controllers: [HealthController, MetricsController],
      providers,
      exports: [...new Set(providers.map(tokenOf))].filter((t) => t !== APP_GUARD && t !== APP_INTERCEPTOR),
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(enterRequestContext(this.logger), enterTraceContext).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const hook of this.shutdownHooks) await hook();
  }
}
