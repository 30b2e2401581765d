/**
 * The distributed-mode bus on Apache Kafka through kafkajs. Semantics are the port's (see bus.port.ts);
 * this file only maps them onto kafkajs: an idempotent producer that waits for all in-sync replicas,
 * consumers in kafka-consumer.ts, topics through the admin client.
 */
import { Admin, Kafka, logLevel as KafkaLogLevel, Partitioners, Producer, type SASLOptions } from 'kafkajs';
import { deadLetterTopic } from '@hope/contracts';
import { ConsumeOptions, ConsumerHandle, MessageBus, OutgoingMessage, PartitionLag } from '../bus.port';
import { KafkaConsumerTuning, startKafkaConsumer } from './kafka-consumer';

export interface KafkaBusOptions {
  /** `host:port` list, or the comma-separated `KAFKA_BROKERS` form. */
  readonly brokers: string | readonly string[];
  readonly clientId: string;
  /** Partitions of topics created by ensureTopics. Default 3. */
  readonly partitions?: number;
  /** TLS to the brokers; `ca` (PEM) when the cluster CA is private. */
  readonly ssl?: { readonly ca?: string };
  /** SASL/SCRAM credentials (a Strimzi KafkaUser with `authentication: scram-sha-512`). */
  readonly sasl?: { readonly mechanism: 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string };
  /**
   * Topics are the platform's (Strimzi KafkaTopic resources): ensureTopics only checks that they exist
   * and fails naming the missing ones, so a service never races the operator with its own settings.
   */
  readonly managedTopics?: boolean;
  /** How long ensureTopics waits for managed topics to appear. Default 30 s. */
  readonly managedTopicsWaitMs?: number;
  /** Default: the broker's default.replication.factor. */
  readonly replicationFactor?: number;
  /** kafkajs's own log output (it logs through its console logger). Default WARN. */
  readonly logLevel?: KafkaLogLevel;
  readonly consumer?: KafkaConsumerTuning;
}

export class KafkaBus implements MessageBus {
  private readonly consumers = new Set<ConsumerHandle>();
  private closed = false;

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly options: KafkaBusOptions,
  ) {}

  static async connect(options: KafkaBusOptions): Promise<KafkaBus> {
    const brokers = typeof options.brokers === 'string' ? options.brokers.split(',') : [...options.brokers];
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: brokers.map((b) => b.trim()).filter((b) => b.length > 0),
      ...(options.ssl ? { ssl: options.ssl.ca !== undefined ? { ca: [options.ssl.ca] } : true } : {}),
      ...(options.sasl ? { sasl: { ...options.sasl } as SASLOptions } : {}),
      logLevel: options.logLevel ?? KafkaLogLevel.WARN,
      // Short, capped backoff: a restarted broker is found again within a couple of seconds.
      retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 10 },
    });
    const producer = kafka.producer({
      // Idempotent: a retried send after a lost ack is not written twice. KIP-98 wants acks=all and one
      // request in flight per connection so sequence numbers stay in order; kafkajs does not enforce the latter.
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      // kafkajs defaults to unlimited retries for idempotent producers; cap each wait so recovery is quick.
      retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: Number.MAX_SAFE_INTEGER },
    });
    const admin = kafka.admin();
    try {
      await producer.connect();
      await admin.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw explainConnectFailure(error, options);
    }
    return new KafkaBus(kafka, producer, admin, options);
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    await this.send(topic, messages);
  }

  /** Also used for dead letters, which must still go out while close() lets consumers finish. */
  private async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } })),
    });
  }

  async consumerLag(groupId: string, topics: readonly string[]): Promise<number> {
    return (await this.consumerLagByPartition(groupId, topics)).reduce((sum, p) => sum + p.lag, 0);
  }

  async consumerLagByPartition(groupId: string, topics: readonly string[]): Promise<readonly PartitionLag[]> {
    this.assertOpen();
    const committed = await this.admin.fetchOffsets({ groupId, topics: [...topics] });
    const lags: PartitionLag[] = [];
    for (const topic of topics) {
      const ends = [...(await this.admin.fetchTopicOffsets(topic))].sort((a, b) => a.partition - b.partition);
      const offsets = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const at = offsets.find((o) => o.partition === end.partition)?.offset;
        // '-1': the group never committed on this partition; it would start from the earliest message.
        const from = at === undefined || at === '-1' ? Number(end.low) : Number(at);
        lags.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
      }
    }
    return lags;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    // Several services create the same topics as they start: a topic another client has just created
    // may not have leaders yet. Those errors are retriable; retry them within a bound.
    const deadline = Date.now() + (this.options.managedTopicsWaitMs ?? 30_000);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.createMissingTopics(topics);
      } catch (error) {
        // A managed topic may be created by the operator moments after the pod starts: wait for it too.
        const retriable = (error as { retriable?: boolean }).retriable === true || error instanceof MissingManagedTopicsError;
        if (!retriable || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }

  private async createMissingTopics(topics: readonly string[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    if (this.options.managedTopics) throw new MissingManagedTopicsError(missing);
    // Returns false when another client created them first: that is success too.
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: this.options.partitions ?? 3,
        ...(this.options.replicationFactor === undefined ? {} : { replicationFactor: this.options.replicationFactor }),
      })),
    });
  }

  async consume(options: ConsumeOptions): Promise<ConsumerHandle> {
    this.assertOpen();
    if (options.topics.length === 0) throw new RangeError('consume needs at least one topic');
    // The dead-letter topics too: a broker may not auto-create topics, and a DLQ write must not fail.
    await this.ensureTopics([...options.topics, ...options.topics.map(deadLetterTopic)]);
    const inner = await startKafkaConsumer(this.kafka, (topic, messages) => this.send(topic, messages), options, this.options.consumer ?? {});
    const handle: ConsumerHandle = {
      stop: async () => {
        await inner.stop();
        this.consumers.delete(handle);
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('KafkaBus is closed');
  }
}

/** Thrown by ensureTopics when topics are managed (KAFKA_MANAGED_TOPICS=true) and some do not exist. */
export class MissingManagedTopicsError extends Error {
  constructor(readonly topics: readonly string[]) {
    super(`Kafka topics are managed by the platform (KAFKA_MANAGED_TOPICS=true) but these do not exist: ${topics.join(', ')}; create them (KafkaTopic resources) with the agreed partitions`);
    this.name = 'MissingManagedTopicsError';
  }
}

/** kafkajs reports a refused login as a bare SASL error; say which user and mechanism were refused. */
function explainConnectFailure(error: unknown, options: KafkaBusOptions): unknown {
  const name = (error as { name?: string }).name ?? '';
  if (options.sasl && /SASL|Authentication/i.test(`${name} ${String((error as Error).message)}`)) {
    return new Error(`Kafka refused SASL ${options.sasl.mechanism} authentication for user "${options.sasl.username}": ${(error as Error).message}`, { cause: error });
  }
  return error;
}
