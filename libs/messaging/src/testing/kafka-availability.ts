/**
 * Whether the Kafka suites can run: jest's global setup starts a broker (or takes KAFKA_BROKERS) and
 * leaves KAFKA_UNAVAILABLE=<reason> when it could not. Suites skip with that reason, never silently.
 */
export function testKafkaBrokers(): string | undefined {
  return process.env.KAFKA_BROKERS || undefined;
}

export function kafkaUnavailable(): string | undefined {
  if (process.env.KAFKA_UNAVAILABLE) return process.env.KAFKA_UNAVAILABLE;
  if (!testKafkaBrokers()) return 'KAFKA_BROKERS is not set and no broker was started by the jest global setup';
  return undefined;
}
