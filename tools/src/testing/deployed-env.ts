import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { K8sObject } from './kustomize';
import type { ServiceName } from './service-cluster';

/**
 * The environment each service gets from a deployment description, exactly as written there, and
 * the few substitutions a run on this machine needs (hostnames to loopback ports, EventStoreDB to the
 * embedded store). Kept apart from the spec so the mapping is one readable list.
 */
export const SERVICES: readonly ServiceName[] = ['demand', 'matching', 'consulting', 'points'];
export type DeployedEnv = Record<ServiceName, Record<string, string>>;

const ROOT = resolve(__dirname, '../../..');

interface ComposeFile {
  services: Record<string, { environment?: Record<string, string | number>; command?: unknown }>;
}

/** `${VAR}`, `${VAR:-default}` and `${VAR:?error}`, as docker compose interpolates them. */
export function interpolate(value: string, vars: Readonly<Record<string, string>>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g, (_, name: string, op: string | undefined, arg: string | undefined) => {
    const set = vars[name];
    if (set !== undefined && set !== '') return set;
    if (op === ':-') return arg ?? '';
    if (op === ':?') throw new Error(`docker compose would refuse to start: ${name} is not set (${arg ?? ''})`);
    return '';
  });
}

export function readCompose(): ComposeFile {
  return parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

/** Each service's `environment:` from docker-compose.yml, interpolated with `vars` (the shell / .env). */
export function composeEnvironments(vars: Readonly<Record<string, string>>): DeployedEnv {
  const compose = readCompose();
  const out = {} as DeployedEnv;
  for (const service of SERVICES) {
    const env = compose.services[service]?.environment ?? {};
    out[service] = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), vars)]));
  }
  return out;
}

/** Topic -> partitions the compose `kafka-topics` job creates. */
export function composeTopics(topics: readonly string[]): Map<string, number> {
  const script = JSON.stringify(readCompose().services['kafka-topics']?.command);
  const partitions = Number(/--partitions (\d+)/.exec(script)?.[1]);
  return new Map(topics.flatMap((t) => [[t, partitions] as const, [`${t}.dlq`, partitions] as const]));
}

type Container = {
  name: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
};

/**
 * Each service Deployment's container environment as the kubelet builds it: `envFrom` sources in
 * order, then `env` on top. ConfigMaps come from the rendered overlay; Secrets (created out of band,
 * or by Strimzi) from `secrets`, and a missing one fails as the pod would.
 */
export function kustomizeEnvironments(objects: readonly K8sObject[], secrets: Readonly<Record<string, Record<string, string>>>): DeployedEnv {
  const configMap = (name: string): Record<string, string> => {
    const found = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
    if (!found) throw new Error(`ConfigMap ${name} is not in the overlay`);
    return found.data ?? {};
  };
  const secret = (name: string): Record<string, string> => {
    const found = secrets[name];
    if (!found) throw new Error(`Secret ${name} is referenced but not provided: the pod would not start`);
    return found;
  };
  const out = {} as DeployedEnv;
  for (const service of SERVICES) {
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === `hope-${service}`);
    if (!deployment) throw new Error(`Deployment hope-${service} is not in the overlay`);
    const container = (deployment.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;
    const env: Record<string, string> = {};
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef) Object.assign(env, configMap(from.configMapRef.name));
      if (from.secretRef) Object.assign(env, secret(from.secretRef.name));
    }
    for (const e of container.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (e.value !== undefined) env[e.name] = e.value;
      else if (e.valueFrom?.secretKeyRef && ref) env[e.name] = mustHave(secret(ref.name), ref.key, `Secret ${ref.name}`);
      else if (e.valueFrom?.configMapKeyRef && ref) env[e.name] = mustHave(configMap(ref.name), ref.key, `ConfigMap ${ref.name}`);
    }
    out[service] = env;
  }
  return out;
}

function mustHave(source: Record<string, string>, key: string, what: string): string {
  const value = source[key];
  if (value === undefined) throw new Error(`${what} has no key ${key}`);
  return value;
}

/** Where the deployment's hostnames are on this machine. */
export interface LocalStack {
  readonly kafka: string;
  readonly redis: string;
  readonly ports: Record<ServiceName, number>;
  readonly dataDir: (service: ServiceName) => string;
  /** Redis here is shared with other runs: keys get a per-run prefix. */
  readonly redisKeyPrefix: (service: ServiceName) => string;
}

/**
 * The only changes to a deployed environment: brokers, Redis and the other services' hostnames point
 * at loopback; EVENTSTORE_URL is dropped (no EventStoreDB here: the embedded SQLite store under a
 * temporary DATA_DIR stands in, the same EventStore port); PORT is the local one. Every other variable
 * reaches the process as the manifest wrote it.
 */
export function toLocal(service: ServiceName, env: Readonly<Record<string, string>>, local: LocalStack): Record<string, string> {
  const mapped: Record<string, string> = { ...env };
  delete mapped.EVENTSTORE_URL;
  if (env.KAFKA_BROKERS !== undefined) mapped.KAFKA_BROKERS = local.kafka;
  if (env.REDIS_URL !== undefined) {
    const url = new URL(env.REDIS_URL);
    url.host = local.redis;
    mapped.REDIS_URL = url.toString().replace(/\/$/, '');
  }
  for (const other of SERVICES) {
    const key = `HOPE_${other.toUpperCase()}_URL`;
    if (env[key] !== undefined) mapped[key] = `http://127.0.0.1:${local.ports[other]}`;
  }
  mapped.DATA_DIR = local.dataDir(service);
  mapped.PORT = String(local.ports[service]);
  mapped.REDIS_KEY_PREFIX = local.redisKeyPrefix(service);
  return mapped;
}
