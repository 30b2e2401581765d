import { Module, type DynamicModule, type INestApplication, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { DevIssuer } from '../auth/dev-issuer';
import { TokenVerifier } from '../auth/token-verifier';
import type { PlatformConfig } from '../config/platform-config';
import { ReadinessRegistry, type ReadinessCheck } from '../health/readiness.registry';
import { ProblemFilter } from '../http/problem.filter';
import { createValidationPipe } from '../http/validation.pipe';
import { guardJsonShape } from '../http/json-shape.middleware';
import { assignCorrelationId } from '../logging/correlation.middleware';
import { requestLog } from '../logging/request-log.middleware';
import { startRequestSpan } from '../tracing/http-span.middleware';
import { ServiceLogger, createRootLogger } from '../logging/service-logger';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { MemorySharedState } from '../shared-state/memory-shared-state';
import { RedisSharedState } from '../shared-state/redis-shared-state';
import type { SharedState } from '../shared-state/shared-state.port';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { PlatformModule } from './platform.module';

export interface ServiceAppOptions {
  config: PlatformConfig;
  /** The service's root module. */
  module: Type<unknown> | DynamicModule;
  /** Ports the composition root binds (EVENT_STORE, MESSAGE_BUS, CLOCK, IDS...), global in the app. */
  providers?: Provider[];
  /** Readiness checks known at start (the platform adds `shared-state` itself). */
  readiness?: Record<string, ReadinessCheck>;
  /** Defaults to Redis when config.redisUrl is set, memory otherwise. Passed-in state is not closed. */
  sharedState?: SharedState;
  /** Embedded mode shares one issuer across its apps so one dev token works everywhere. */
  devIssuer?: DevIssuer;
  /** Overrides config.port; 0 picks a free port (tests). */
  port?: number;
  host?: string;
  /** JSON body limit; bigger bodies get 413. */
  bodyLimit?: string;
  swagger?: { title?: string; description?: string; version?: string } | false;
  /** Where logs go (default stdout); tests pass a stream to read them. */
  logDestination?: DestinationStream;
  /** False builds and initialises the app without listening. */
  listen?: boolean;
  /** SIGTERM/SIGINT close the app (drain, then run shutdown hooks). Default true. */
  shutdownHooks?: boolean;
  /** Runs before the app initialises, e.g. to connect the integration-event transport. */
  configure?: (app: NestExpressApplication) => void | Promise<void>;
}

export interface ServiceApp {
  app: NestExpressApplication;
  /** Base URL, e.g. http://127.0.0.1:3004 (empty when not listening). */
  url: string;
  config: PlatformConfig;
  /** Present in dev auth mode: mint tokens for the demo and tests. */
  devIssuer?: DevIssuer;
  metrics: MetricsService;
  readiness: ReadinessRegistry;
  sharedState: SharedState;
  /** The OpenAPI document served at /docs-json (absent when swagger is off). */
  openApi?: OpenAPIObject;
  close(): Promise<void>;
}

/** Builds a service's HTTP app with everything the platform guarantees, and starts it. */
export async function createServiceApp(options: ServiceAppOptions): Promise<ServiceApp> {
  const { config } = options;
  const logger = createRootLogger({ service: config.serviceName, level: config.logLevel, ...destination(options.logDestination) });
  const onShutdown: Array<() => Promise<void>> = [];

  let sharedState = options.sharedState;
  if (sharedState === undefined) {
    const owned: SharedState =
      config.redisUrl !== undefined ? new RedisSharedState({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix }) : new MemorySharedState();
    onShutdown.push(() => owned.close());
    sharedState = owned;
  }
  const state = sharedState;

  const keys = config.auth.keys;
  const devIssuer =
    keys.kind !== 'dev'
      ? undefined
      : (options.devIssuer ??
        (await DevIssuer.create({
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          ...(keys.devSecret !== undefined ? { secret: keys.devSecret } : {}),
        })));
  const verifier = new TokenVerifier(config.auth, devIssuer);

  const metrics = new MetricsService(config.serviceName);
  const readiness = new ReadinessRegistry();
  readiness.register('shared-state', () => state.ping());
  for (const [name, check] of Object.entries(options.readiness ?? {})) readiness.register(name, check);

  @Module({
    imports: [
      PlatformModule.forService({
        config,
        logger,
        sharedState: state,
        metrics,
        readiness,
        verifier,
        ...(devIssuer !== undefined ? { devIssuer } : {}),
        ...(options.providers !== undefined ? { providers: options.providers } : {}),
        onShutdown,
      }),
      options.module,
    ],
  })
  class ServiceRootModule {}

  const app = await NestFactory.create<NestExpressApplication>(ServiceRootModule, {
    bodyParser: false,
    logger: new ServiceLogger(logger),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // Express hashes every response body into an ETag by default; no client sends If-None-Match, so that hash was pure cost.
  app.set('etag', false);
  // Order matters: the correlation id and the timer must exist before the body parser can fail.
  app.use(assignCorrelationId);
  app.use(requestLog(logger));
  app.use(startRequestSpan(config.serviceName));
  app.use(httpMetricsMiddleware(metrics));
  // Not strict: a `null` or `42` body parses, and the shape guard answers what is wrong with it.
  app.useBodyParser('json', { limit: options.bodyLimit ?? '256kb', strict: false });
  app.use(guardJsonShape());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(logger));
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  keepConnectionsAlive(app, config.httpKeepAliveMs);
  const openApi = options.swagger !== false ? setUpSwagger(app, config, options.swagger ?? {}) : undefined;

  await options.configure?.(app);

  let url = '';
  if (options.listen === false) {
    await app.init();
  } else {
    const host = options.host ?? config.host;
    await app.listen(options.port ?? config.port, host);
    url = baseUrl(app, host);
    logger.info({ url }, `${config.serviceName} listening`);
  }

  return {
    app,
    url,
    config,
    ...(devIssuer !== undefined ? { devIssuer } : {}),
    metrics,
    readiness,
    sharedState: state,
    ...(openApi !== undefined ? { openApi } : {}),
    close: () => app.close(),
  };
}

/** The headers timeout must outlast the keep-alive one, or a slow first request on a reused socket is cut. */
function keepConnectionsAlive(app: INestApplication, keepAliveMs: number): void {
  const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
  server.keepAliveTimeout = keepAliveMs;
  server.headersTimeout = keepAliveMs + 1_000;
}

function setUpSwagger(app: INestApplication, config: PlatformConfig, opts: { title?: string; description?: string; version?: string }): OpenAPIObject {
  const document = buildOpenApiDocument(app, {
    title: opts.title ?? `HOPE ${config.serviceName}`,
    description: opts.description ?? `The ${config.serviceName} service API. Errors are RFC 9457 problem+json.`,
    version: opts.version ?? '1',
  });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

function baseUrl(app: INestApplication, host: string): string {
  const address = (app.getHttpServer() as { address(): AddressInfo | string | null }).address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

const destination = (d: DestinationStream | undefined): { destination?: DestinationStream } => (d !== undefined ? { destination: d } : {});
