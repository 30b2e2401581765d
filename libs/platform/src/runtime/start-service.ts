import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DestinationStream } from 'pino';
import { Headers, Topics, type EventRegistry } from '@hope/contracts';
import { ProjectionRunner, type EventStore } from '@hope/eventstore';
import { join } from 'node:path';
import { IntegrationEventTransport, Relay, RethrowRpcErrors, type IncomingMessage, type LeaseProvider, type MessageBus, type RetryPolicy } from '@hope/messaging';
import type { DevIssuer } from '../auth/dev-issuer';
import type { PlatformConfig } from '../config/platform-config';
import { createServiceApp, type ServiceApp } from '../app/create-service-app';
import type { SharedState } from '../shared-state/shared-state.port';
import { CLOCK, EVENT_REGISTRY, EVENT_STORE, IDS, MESSAGE_BUS, PLATFORM_LOGGER, PROJECTIONS, SERVICE_CLIENT, systemClock, type Clock, type IdSource } from '../tokens';
import { ProbeModule } from './probe/probe.module';
import { probeReceiptsProjection } from './probe/probe.projection';
import { ProjectionsOpsController } from './projections/projections-ops.http.controller';
import { startLagGauges } from './lag-gauges';
import { readModelsCaughtUp } from './read-models-readiness';
import { startScheduledJobs } from './scheduled-jobs';
import { ServiceClient, type ServiceUrls } from '../service-client/service-client';
import { serviceTokens, urlsFromEnvironment } from '../service-client/service-tokens';
import { runWithCorrelation } from '../logging/request-context';
import { translatorOf, type ServiceDefinition } from './service-definition';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service-identity';
import { AggregateHandlers } from './aggregate-handlers';
import { ReadYourWritesGuard } from './read-your-writes.guard';
import { flushTracing } from '../tracing/tracing-sdk';
import { readModelQueries } from './read-models';
import { deadLetters } from './dead-letters/dead-letter.aggregate';
import { recordDeadLetter } from './dead-letters/dead-letter.use-cases';
import { DEAD_LETTER_DISPATCH, DeadLettersHttpController } from './dead-letters/dead-letters.http.controller';
import { MembershipModule } from './membership/membership.module';
import { membershipsProjection } from './membership/membership.projection';
import { deadLettersProjection, DeadLetterQueries, SqliteDeadLetterQueries } from './dead-letters/dead-letters.projection';

/** The adapters a service runs on; the caller (embedded launcher or main.ts) owns and closes them. */
export interface ServiceInfrastructure {
  readonly store: EventStore;
  readonly bus: MessageBus;
  readonly sharedState: SharedState;
  /** Who may run the relay: Redis-backed shared state across replicas, or the process alone. */
  readonly lease: LeaseProvider;
  readonly registry: EventRegistry;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly devIssuer?: DevIssuer;
  /** Where the other services answer (embedded mode fills it as they start; else HOPE_<SERVICE>_URL). */
  readonly serviceUrls?: ServiceUrls;
}

export interface StartServiceOptions {
  /** 0 picks a free port (tests). Default: config.port. */
  readonly port?: number;
  readonly logDestination?: DestinationStream;
  readonly retry?: RetryPolicy;
  /** Relay batching; tests shorten the lease. */
  readonly relay?: { batchSize?: number; leaseTtlMs?: number };
  /** Default `<DATA_DIR>/<service>.projections.sqlite`; `:memory:` in tests that rebuild anyway. */
  readonly projectionsFile?: string;
}

export interface RunningService {
  readonly definition: ServiceDefinition;
  readonly identity: ServiceIdentity;
  readonly url: string;
  readonly app: ServiceApp;
  readonly relay: Relay;
  readonly projections: ProjectionRunner;
  /** Stops the relay, the consumer (in-flight work finishes) and the HTTP server; not the adapters. */
  stop(): Promise<void>;
}

const uuidIds: IdSource = { next: () => randomUUID() };

function serviceModule(definition: ServiceDefinition, dispatch: (message: IncomingMessage) => Promise<void>): DynamicModule {
  @Module({})
  class ServiceModule {}
  return {
    module: ServiceModule,
    imports: [ProbeModule, ...(definition.tenancy ? [MembershipModule] : []), ...definition.imports],
    controllers: [ProjectionsOpsController, DeadLettersHttpController],
    providers: [readModelQueries(DeadLetterQueries, (db) => new SqliteDeadLetterQueries(db)), { provide: DEAD_LETTER_DISPATCH, useValue: dispatch }],
  };
}

/**
 * Wires one service: the HTTP app with everything the platform guarantees, the `@EventPattern`
 * handlers served by our transport over the bus (consumer group = service name), and the relay that
 * publishes the service's integration events to its topic.
 */
export async function startService(definition: ServiceDefinition, infra: ServiceInfrastructure, config: PlatformConfig, options: StartServiceOptions = {}): Promise<RunningService> {
  const identity: ServiceIdentity = { name: definition.name, instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` };
  const clock = infra.clock ?? systemClock;
  // Known once the app exists; the transport's context hook only runs after start.
  const appLogger: { current?: Logger } = {};
  const logger = (): Logger => appLogger.current!;
  const projections = ProjectionRunner.open({
    file: options.projectionsFile ?? join(config.dataDir, `${definition.name}.projections.sqlite`),
    store: infra.store,
    projections: [probeReceiptsProjection, deadLettersProjection, ...(definition.tenancy ? [membershipsProjection] : []), ...(definition.projections ?? [])],
    onError: (name, error) => logger().error({ err: error, projection: name }, 'projection failed; retrying from its checkpoint'),
  });
  const readModels = readModelsCaughtUp(infra.store, projections);
  const appRef: { current?: ServiceApp } = {};
  const transportRef: { current?: IntegrationEventTransport } = {};
  const app = await createServiceApp({
    config,
    module: serviceModule(definition, (message) => transportRef.current!.dispatch(message)),
    providers: [
      { provide: EVENT_STORE, useValue: infra.store },
      { provide: MESSAGE_BUS, useValue: infra.bus },
      { provide: EVENT_REGISTRY, useValue: infra.registry },
      { provide: CLOCK, useValue: clock },
      { provide: IDS, useValue: infra.ids ?? uuidIds },
      { provide: SERVICE_IDENTITY, useValue: identity },
      { provide: PROJECTIONS, useValue: projections },
      AggregateHandlers,
      { provide: APP_GUARD, useClass: ReadYourWritesGuard },
      { provide: SERVICE_CLIENT, useValue: new ServiceClient(infra.serviceUrls ?? urlsFromEnvironment, serviceTokens(definition.name, () => infra.devIssuer ?? appRef.current?.devIssuer)) },
    ],
    readiness: {
      'event-store': async () => {
        for await (const _ of infra.store.readStream('$readiness', { maxCount: 1 })) break;
      },
      bus: async () => void (await infra.bus.consumerLag(definition.name, definition.consumes)),
      'read-models': readModels,
    },
    sharedState: infra.sharedState,
    ...(infra.devIssuer ? { devIssuer: infra.devIssuer } : {}),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
    swagger: { title: definition.title, description: `${definition.description} Errors are RFC 9457 problem+json.` },
    listen: false,
    shutdownHooks: false,
    configure: (nest) => {
      const transport = new IntegrationEventTransport({
        bus: infra.bus,
        registry: infra.registry,
        groupId: definition.name,
        topics: definition.consumes,
        ...(options.retry ? { retry: options.retry } : {}),
        runInContext: (envelope, run) => runWithCorrelation({ correlationId: envelope.correlationId, logger: logger().child({ correlationId: envelope.correlationId, eventId: envelope.id, eventType: envelope.type }) }, run),
        onDeadLetter: async (note) => {
          const recorded = await recordDeadLetter(appRef.current!.app.get(AggregateHandlers).for(deadLetters), note, clock.now());
          if (!recorded) return;
          const type = note.message.headers[Headers.eventType] ?? 'unknown';
          appRef.current!.metrics.deadLettered(note.message.topic, type);
          logger().warn({ topic: note.message.topic, type, error: note.error, kind: note.kind }, 'dead-lettered: recorded for replay at /ops/dead-letters');
        },
      });
      transportRef.current = transport;
      nest.connectMicroservice({ strategy: transport }, { inheritAppConfig: false, deferInitialization: true }).useGlobalFilters(new RethrowRpcErrors());
    },
  });
  appRef.current = app;
  appLogger.current = app.app.get<Logger>(PLATFORM_LOGGER);
  projections.start();
  await app.app.startAllMicroservices();

  const relay = new Relay({
    service: definition.name,
    store: infra.store,
    bus: infra.bus,
    topic: Topics[definition.name],
    // Events appended already marked as integration events (the platform's own, like ProbeSent) are
    // always published; a service's translator maps its domain events on top of that.
    translate: translatorOf(definition),
    lease: infra.lease,
    holder: identity.instanceId,
    ...(options.relay?.batchSize ? { batchSize: options.relay.batchSize } : {}),
    ...(options.relay?.leaseTtlMs ? { leaseTtlMs: options.relay.leaseTtlMs } : {}),
    onError: (error) => logger().error({ err: error }, 'relay failed; retrying'),
  });
  await infra.bus.ensureTopics([Topics[definition.name]]);
  relay.start();
  const stopJobs = startScheduledJobs({ app: app.app, jobs: definition.jobs ?? [], service: definition.name, holder: identity.instanceId, lease: infra.lease, logger });
  const stopLagGauges = startLagGauges({ store: infra.store, relay, projections, bus: infra.bus, metrics: app.metrics, groupId: definition.name, topics: definition.consumes });

  await app.app.listen(options.port ?? config.port, config.host);
  const url = await app.app.getUrl();
  const shownUrl = url.replace('[::1]', '127.0.0.1').replace('[::]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
  logger().info({ url: shownUrl, instance: identity.instanceId }, `${definition.name} listening`);

  return {
    definition,
    identity,
    url: shownUrl,
    app,
    relay,
    projections,
    async stop() {
      stopLagGauges();
      await stopJobs();
      await relay.stop();
      await app.close();
      await projections.close();
      await flushTracing();
    },
  };
}
