import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DevTokens, type Caller } from './dev-tokens';
import { callService, type HttpAnswer } from './http-caller';
import { startKafkaBroker, type KafkaBroker } from './kafka-broker';
import { ServiceCluster, type ServiceClusterOptions, type ServiceName } from './service-cluster';

export interface DistributedRunOptions {
  readonly services: readonly ServiceName[];
  readonly replicas?: ServiceClusterOptions['replicas'];
  /** A broker to use instead of starting a private one (only if nothing else runs the services on it). */
  readonly brokers?: string;
  /**
   * Every service on one event store file (EVENTSTORE_FILE), each in its own namespace, as compose and
   * k8s run one EventStoreDB for all four; `sharedEventStoreFile` names it.
   */
  readonly sharedEventStore?: boolean;
  /** Runs once the broker answers, before the services start (create topics, connect a watcher...). */
  readonly beforeServices?: (brokers: string) => Promise<void>;
}

/**
 * One distributed run for a test file or a benchmark: a private Kafka broker (the services' consumer
 * groups are named after them, so two runs on one broker would steal each other's partitions), Redis
 * with a per-run key prefix, the services as processes (`ServiceCluster`) in a temporary directory,
 * and dev tokens they accept. `id` is known before `start()`, to name the run's organisations and
 * experts; `stop()` undoes whatever `start()` got to.
 */
export class DistributedRun {
  /** Short and unique: names what the run creates, so runs sharing one Redis never collide. */
  readonly id = randomUUID().slice(0, 6);
  private readonly secret: string;
  private dir: string | undefined;
  private started: { brokers: string; broker: KafkaBroker | undefined; cluster: ServiceCluster; tokens: DevTokens } | undefined;

  constructor(private readonly name: string) {
    this.secret = `${name}-dev-secret-${randomUUID()}`;
  }

  async start(options: DistributedRunOptions): Promise<this> {
    this.dir = mkdtempSync(join(tmpdir(), `hope-${this.name}-`));
    const broker = options.brokers ? undefined : await startKafkaBroker();
    try {
      const brokers = options.brokers ?? broker!.brokers;
      await options.beforeServices?.(brokers);
      const tokens = await DevTokens.create(this.secret);
      const cluster = await ServiceCluster.start({
        brokers,
        redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        dir: this.dir,
        secret: this.secret,
        runId: `${this.name}-${this.id}`,
        services: options.services,
        ...(options.replicas ? { replicas: options.replicas } : {}),
        ...(options.sharedEventStore ? { env: { EVENTSTORE_FILE: this.sharedEventStoreFile } } : {}),
      });
      this.started = { brokers, broker, cluster, tokens };
      return this;
    } catch (error) {
      await broker?.stop();
      this.removeDir();
      throw error;
    }
  }

  get cluster(): ServiceCluster {
    return this.parts().cluster;
  }

  get tokens(): DevTokens {
    return this.parts().tokens;
  }

  /** `host:port` of the broker the services use. */
  get brokers(): string {
    return this.parts().brokers;
  }

  /** Where a run with `sharedEventStore` keeps the one store every service writes. */
  get sharedEventStoreFile(): string {
    if (!this.dir) throw new Error(`the ${this.name} run is not started`);
    return join(this.dir, 'shared.events.sqlite');
  }

  /** The private broker (undefined when the run was given one). */
  get broker(): KafkaBroker | undefined {
    return this.parts().broker;
  }

  /** One JSON request to a service's gateway as `who`. */
  call(service: ServiceName, who: Caller, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer> {
    return callService(this.tokens, this.cluster.url(service), method, path, who, body, headers);
  }

  async stop(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    await started?.cluster.stop();
    await started?.broker?.stop();
    this.removeDir();
  }

  private removeDir(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private parts(): NonNullable<DistributedRun['started']> {
    if (!this.started) throw new Error(`the ${this.name} run is not started`);
    return this.started;
  }
}
