import { mkdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './kafka-broker';
import { startRoundRobinBalancer, type Balancer } from './round-robin-balancer';
import { ServiceProcess, type ServiceProcessOptions } from './service-process';

export type ServiceName = ServiceProcessOptions['service'];

export interface ServiceClusterOptions {
  readonly brokers: string;
  readonly redisUrl: string;
  /** Root data directory: one sub-directory per replica. */
  readonly dir: string;
  /** AUTH_DEV_SECRET of every process (DevTokens signs with it). */
  readonly secret: string;
  /** Namespaces the Redis keys, so runs sharing one Redis never collide. */
  readonly runId: string;
  readonly services: readonly ServiceName[];
  /** Replicas per service; 1 by default. */
  readonly replicas?: Partial<Record<ServiceName, number>>;
  readonly env?: Record<string, string>;
}

/**
 * The distributed run on loopback: each service its own process (or several replicas), real Kafka and
 * Redis, and a round-robin gateway per service that the others call (HOPE_<SERVICE>_URL), as a
 * Kubernetes Service would route.
 *
 * Replicas of one service share its event store and nothing else, as in production (EventStoreDB
 * shared, read models per pod): the embedded SQLite store is the one stand-in that runs here, and it
 * is built for several processes on one file (BEGIN IMMEDIATE, positions under the write lock, a
 * poll for other processes' appends). Each replica gets its own DATA_DIR, hence its own read models,
 * with `<service>.events.sqlite` a symlink to the first replica's store (SQLite resolves the link, so
 * the WAL and its shared memory are the same files for all).
 */
export class ServiceCluster {
  private constructor(
    private readonly root: string,
    private readonly processes: ReadonlyMap<ServiceName, readonly ServiceProcess[]>,
    private readonly gateways: ReadonlyMap<ServiceName, Balancer>,
  ) {}

  static async start(options: ServiceClusterOptions): Promise<ServiceCluster> {
    const gatewayPorts = new Map<ServiceName, number>();
    for (const service of options.services) gatewayPorts.set(service, await freePort());
    const urls: Record<string, string> = {};
    for (const [service, port] of gatewayPorts) urls[`HOPE_${service.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`;

    const processes = new Map<ServiceName, ServiceProcess[]>();
    for (const service of options.services) {
      const replicas: ServiceProcess[] = [];
      const count = options.replicas?.[service] ?? 1;
      for (let i = 0; i < count; i++) {
        const dataDir = join(options.dir, `${service}-${i}`);
        mkdirSync(dataDir, { recursive: true });
        if (count > 1) shareEventStore(service, join(options.dir, `${service}-0`), dataDir);
        replicas.push(
          new ServiceProcess({
            service,
            port: await freePort(),
            env: {
              KAFKA_BROKERS: options.brokers,
              REDIS_URL: options.redisUrl,
              REDIS_KEY_PREFIX: `hope:${options.runId}:${service}:`,
              DATA_DIR: dataDir,
              AUTH_DEV_SECRET: options.secret,
              LOG_LEVEL: 'warn',
              ...urls,
              ...options.env,
            },
          }),
        );
      }
      processes.set(service, replicas);
    }
    const gateways = new Map<ServiceName, Balancer>();
    for (const [service, port] of gatewayPorts) {
      gateways.set(service, await startRoundRobinBalancer(port, () => processes.get(service)!.map((p) => p.port)));
    }
    const cluster = new ServiceCluster(options.dir, processes, gateways);
    try {
      await Promise.all([...processes.values()].map((replicas) => Promise.all(replicas.map((p) => p.start()))));
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  replica(service: ServiceName, index = 0): ServiceProcess {
    const replica = this.processes.get(service)?.[index];
    if (!replica) throw new Error(`no replica ${index} of ${service} in this cluster`);
    return replica;
  }

  replicas(service: ServiceName): readonly ServiceProcess[] {
    return this.processes.get(service) ?? [];
  }

  /** A replica's DATA_DIR (its read models; its event store, or a link to the shared one). */
  dataDir(service: ServiceName, index = 0): string {
    return join(this.root, `${service}-${index}`);
  }

  /** The service's gateway (round robin over its replicas). */
  url(service: ServiceName): string {
    const gateway = this.gateways.get(service);
    if (!gateway) throw new Error(`${service} is not in this cluster`);
    return gateway.url;
  }

  /** The last lines every process wrote, to explain a failure. */
  logs(): string {
    return [...this.processes.entries()].flatMap(([service, replicas]) => replicas.map((p, i) => `--- ${service}#${i}\n${p.logs}`)).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].flat().map((p) => p.stop()));
    await Promise.all([...this.gateways.values()].map((g) => g.close()));
  }
}

/** Points a replica's DATA_DIR at the first replica's event store (created empty: a valid SQLite file). */
export function shareEventStore(service: ServiceName, primaryDir: string, replicaDir: string): void {
  const primary = join(primaryDir, `${service}.events.sqlite`);
  mkdirSync(primaryDir, { recursive: true });
  if (!existsSync(primary)) writeFileSync(primary, '');
  if (replicaDir !== primaryDir && !existsSync(join(replicaDir, `${service}.events.sqlite`))) symlinkSync(primary, join(replicaDir, `${service}.events.sqlite`));
}
