/**
 * How the contract suite gets a bus, and how a child process connects to the same one (same SQLite
 * file, or same brokers) for the crash tests.
 */
import { MessageBus } from '../bus/bus.port';
import { InProcessBus } from '../bus/in-process/in-process.bus';
import { KafkaBus } from '../bus/kafka/kafka.bus';
import { logLevel } from 'kafkajs';

export type BusConnection =
  | { readonly adapter: 'in-process'; readonly file: string; readonly partitions?: number }
  | { readonly adapter: 'kafka'; readonly brokers: string; readonly clientId: string };

export interface BusUnderTest {
  readonly bus: MessageBus;
  /** Where a second connection (a child process, or a reopened bus) finds the same topics and offsets. */
  readonly connection: BusConnection;
  /** Releases what the factory made for this test (bus, temp files). */
  dispose(): Promise<void>;
}

/** Fast group failure detection for tests: a killed member's partitions move on within seconds. */
export const TEST_KAFKA_TUNING = { sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 500 } as const;

/** kafkajs logs nothing in tests unless HOPE_TEST_KAFKA_LOG=error|warn|info|debug asks for it. */
function testLogLevel(): logLevel {
  const levels: Record<string, logLevel> = { error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG };
  return levels[process.env.HOPE_TEST_KAFKA_LOG ?? ''] ?? logLevel.NOTHING;
}

export async function connectBus(connection: BusConnection): Promise<MessageBus> {
  if (connection.adapter === 'in-process') {
    return InProcessBus.open({ file: connection.file, partitions: connection.partitions ?? 3, idlePollMs: 200 });
  }
  return KafkaBus.connect({
    brokers: connection.brokers,
    clientId: connection.clientId,
    logLevel: testLogLevel(),
    consumer: TEST_KAFKA_TUNING,
  });
}
