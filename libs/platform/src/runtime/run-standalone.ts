import { join } from 'node:path';
import { createEventRegistry } from '@hope/contracts';
import { createEventStore } from '@hope/eventstore';
import { InProcessBus, KafkaBus, type MessageBus } from '@hope/messaging';
import { ConfigError } from '../config/env-reader';
import { loadPlatformConfig } from '../config/platform-config';
import { MemorySharedState } from '../shared-state/memory-shared-state';
import { RedisSharedState } from '../shared-state/redis-shared-state';
import type { SharedState } from '../shared-state/shared-state.port';
import type { ServiceDefinition } from './service-definition';
import { startService } from './start-service';
import { startTracing } from '../tracing/tracing-sdk';
import { TracingConfigError } from '../tracing/tracing-settings';

/**
 * Distributed mode: this process runs one service. The environment picks the adapters:
 * EVENTSTORE_URL (else EVENTSTORE_FILE, a SQLite file shared with other services, else SQLite under DATA_DIR), KAFKA_BROKERS (else the in-process bus),
 * REDIS_URL (else memory). SIGTERM drains: relay, consumer (in-flight work finishes), HTTP, adapters.
 */
export async function runStandalone(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config;
  try {
    config = loadPlatformConfig(env, { serviceName: definition.name, port: definition.defaultPort });
    await startTracing(env, definition.name);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TracingConfigError) {
      process.stderr.write(`${definition.name}: invalid configuration: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const store = createEventStore({
    ...(config.eventStoreUrl ? { url: config.eventStoreUrl } : {}),
    ...(config.eventStoreFile ? { sharedFile: config.eventStoreFile } : {}),
    dataDir: config.dataDir,
    service: definition.name,
  });
  const bus: MessageBus = config.kafkaBrokers
    ? await KafkaBus.connect({
        brokers: config.kafkaBrokers,
        clientId: `hope-${definition.name}`,
        partitions: config.kafka.topicPartitions,
        managedTopics: config.kafka.managedTopics,
        ...(config.kafka.ssl ? { ssl: config.kafka.ssl } : {}),
        ...(config.kafka.sasl ? { sasl: config.kafka.sasl } : {}),
      })
    : await InProcessBus.open({ file: join(config.dataDir, `${definition.name}.bus.sqlite`) });
  const sharedState: SharedState = config.redisUrl ? new RedisSharedState({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix }) : new MemorySharedState();
  const service = await startService(definition, { store, bus, sharedState, lease: sharedState, registry: createEventRegistry() }, config);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      await service.stop();
      await bus.close();
      await store.close();
      await sharedState.close();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${definition.name}: shutdown after ${signal} failed: ${String(error)}\n`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
