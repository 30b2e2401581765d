import { oneHeavySpecAtATime } from './one-heavy-spec-at-a-time';
import { kafkaUnavailable } from '@hope/messaging/testing';

/**
 * `describe` when the test run has a Kafka broker (KAFKA_BROKERS, or the one the jest global setup
 * started), else the block is skipped with the reason on stderr. In CI a missing broker fails the file
 * instead: a skipped distributed test there would hide that it never ran.
 */
export function describeWithKafka(title: string, body: () => void): void {
  const unavailable = kafkaUnavailable();
  if (unavailable && process.env.CI === 'true') throw new Error(`${title}: needs Kafka in CI: ${unavailable}`);
  if (unavailable) {
    process.stderr.write(`${title}: skipped: ${unavailable}\n`);
    describe.skip(title, body);
  } else {
    describe(title, () => {
      oneHeavySpecAtATime();
      body();
    });
  }
}
