import { readFileSync } from 'node:fs';
import type { EnvReader } from './env-reader';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/**
 * How a service reaches a secured broker (a Strimzi listener with `tls: true` and `authentication:
 * scram-sha-512`) and who owns its topics. Secrets are read here, at startup, so a missing mounted
 * file is a configuration error listed with the others, not a connection failure minutes later.
 */
export interface KafkaConnectionConfig {
  /** TLS to the brokers; `ca` (PEM) when the cluster CA is not in the system trust store. */
  readonly ssl?: { readonly ca?: string };
  readonly sasl?: { readonly mechanism: KafkaSaslMechanism; readonly username: string; readonly password: string };
  /** Topics belong to the platform (KafkaTopic resources): the service checks they exist, never creates them. */
  readonly managedTopics: boolean;
  /** Partitions of topics a service creates itself (unmanaged); the same 6 as compose and the KafkaTopics. */
  readonly topicPartitions: number;
}

function readSecretFile(r: EnvReader, name: string, what: string): string | undefined {
  const file = r.raw(name);
  if (file === undefined) return undefined;
  try {
    const content = readFileSync(file, 'utf8');
    if (content.trim() === '') r.fail(`${name} points at an empty file: ${file}`);
    return content;
  } catch (error) {
    r.fail(`${name} must name a readable file with the ${what}, got "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }
}

export function readKafkaConnection(r: EnvReader): KafkaConnectionConfig {
  const ca = readSecretFile(r, 'KAFKA_SSL_CA_FILE', 'cluster CA certificate (PEM)');
  const sslOn = r.bool('KAFKA_SSL', ca !== undefined);
  if (r.raw('KAFKA_SSL_CA_FILE') !== undefined && !sslOn) r.fail('KAFKA_SSL_CA_FILE is set but KAFKA_SSL=false: a CA is only used over TLS');

  const mechanism = r.raw('KAFKA_SASL_MECHANISM') === undefined ? undefined : r.oneOf('KAFKA_SASL_MECHANISM', KAFKA_SASL_MECHANISMS, 'scram-sha-512');
  const username = r.raw('KAFKA_SASL_USERNAME');
  const inlinePassword = r.raw('KAFKA_SASL_PASSWORD');
  const passwordFromFile = readSecretFile(r, 'KAFKA_SASL_PASSWORD_FILE', 'SASL password');
  const filePassword = passwordFromFile?.replace(/\r?\n$/, '');
  let sasl: KafkaConnectionConfig['sasl'];
  if (mechanism === undefined) {
    if (username !== undefined || inlinePassword !== undefined || r.raw('KAFKA_SASL_PASSWORD_FILE') !== undefined) {
      r.fail(`KAFKA_SASL_MECHANISM is required with KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD (one of ${KAFKA_SASL_MECHANISMS.join(', ')})`);
    }
  } else {
    if (username === undefined) r.fail(`KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM=${mechanism}`);
    if (inlinePassword !== undefined && r.raw('KAFKA_SASL_PASSWORD_FILE') !== undefined) {
      r.fail('KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are exclusive: set one');
    } else if (inlinePassword === undefined && r.raw('KAFKA_SASL_PASSWORD_FILE') === undefined) {
      r.fail(`KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required when KAFKA_SASL_MECHANISM=${mechanism}`);
    }
    const password = inlinePassword ?? filePassword;
    if (username !== undefined && password !== undefined) sasl = { mechanism, username, password };
  }

  return {
    ...(sslOn ? { ssl: ca !== undefined ? { ca } : {} } : {}),
    ...(sasl ? { sasl } : {}),
    managedTopics: r.bool('KAFKA_MANAGED_TOPICS', false),
    topicPartitions: r.int('KAFKA_TOPIC_PARTITIONS', { min: 1, max: 1000, fallback: 6 }),
  };
}
