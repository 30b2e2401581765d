import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { createEventRegistry, type EventRegistry } from '@hope/contracts';
import { SqliteEventStore, type EventStore } from '@hope/eventstore';
import { InProcessBus, soleLease } from '@hope/messaging';
import { DevIssuer } from '../auth/dev-issuer';
import { devSecretIn } from '../auth/dev-secret-file';
import { loadPlatformConfig } from '../config/platform-config';
import type { Env } from '../config/env-reader';
import { MemorySharedState } from '../shared-state/memory-shared-state';
import type { Clock, IdSource } from '../tokens';
import type { ServiceDefinition } from './service-definition';
import { startService, type RunningService } from './start-service';
import { startTracing } from '../tracing/tracing-sdk';

export interface EmbeddedPlatformOptions {
  readonly services: readonly ServiceDefinition[];
  readonly dataDir: string;
  /** Each service on its default port unless `portOffset`/`freePorts` says otherwise. */
  readonly freePorts?: boolean;
  readonly env?: Env;
  readonly logDestination?: DestinationStream;
  /** Time and ids are inputs: tests that move time (expiry jobs) pass their own. */
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** The contracts this deploy knows (default: the catalogue); tests deploy a newer one. */
  readonly registry?: EventRegistry;
}

export interface EmbeddedPlatform {
  readonly services: ReadonlyMap<string, RunningService>;
  readonly stores: ReadonlyMap<string, EventStore>;
  readonly bus: InProcessBus;
  readonly devIssuer: DevIssuer;
  stop(): Promise<void>;
}

/**
 * Embedded mode: every service in this process, each with its own NestJS app and port and its own
 * SQLite event store, all on one durable in-process bus. One dev issuer signs tokens for all.
 */
export async function startEmbeddedPlatform(options: EmbeddedPlatformOptions): Promise<EmbeddedPlatform> {
  mkdirSync(options.dataDir, { recursive: true });
  const env = { ...process.env, ...options.env, DATA_DIR: options.dataDir };
  // One process, one tracer provider (when OTEL_* asks for it): spans name their service in `hope.service`.
  await startTracing(env, 'hope');
  const bus = await InProcessBus.open({ file: join(options.dataDir, 'bus.sqlite') });
  const sharedState = new MemorySharedState();
  const base = loadPlatformConfig({ ...env, SERVICE_NAME: 'platform' });
  // Dev tokens outlive a restart: the secret is AUTH_DEV_SECRET, or the one kept in the data directory.
  const devSecret = base.auth.keys.kind === 'dev' ? (base.auth.keys.devSecret ?? devSecretIn(options.dataDir)) : undefined;
  const devIssuer = await DevIssuer.create({ issuer: base.auth.issuer, audience: base.auth.audience, ...(devSecret ? { secret: devSecret } : {}) });
  const registry = options.registry ?? createEventRegistry();
  const services = new Map<string, RunningService>();
  const stores = new Map<string, EventStore>();
  try {
    for (const definition of options.services) {
      const config = loadPlatformConfig({ ...env, SERVICE_NAME: definition.name, PORT: undefined }, { serviceName: definition.name, port: definition.defaultPort });
      const store = SqliteEventStore.open({ file: join(options.dataDir, `${definition.name}.events.sqlite`) });
      stores.set(definition.name, store);
      const running = await startService(
        definition,
        { store, bus, sharedState, lease: soleLease, registry, devIssuer, serviceUrls: (name) => services.get(name)?.url, ...(options.clock ? { clock: options.clock } : {}), ...(options.ids ? { ids: options.ids } : {}) },
        config,
        {
        ...(options.freePorts ? { port: 0 } : {}),
          ...(options.logDestination ? { logDestination: options.logDestination } : {}),
        },
      );
      services.set(definition.name, running);
    }
  } catch (error) {
    await stopAll(services, stores, bus, sharedState);
    throw error;
  }
  return { services, stores, bus, devIssuer, stop: () => stopAll(services, stores, bus, sharedState) };
}

async function stopAll(services: Map<string, RunningService>, stores: Map<string, EventStore>, bus: InProcessBus, sharedState: MemorySharedState): Promise<void> {
  for (const s of [...services.values()].reverse()) await s.stop();
  await bus.close();
  for (const store of stores.values()) await store.close();
  await sharedState.close();
}
