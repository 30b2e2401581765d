/**
 * The message bus port: Kafka's semantics, whichever adapter (in-process or Kafka) is behind it.
 * See libs/messaging/README.md for the guarantees every adapter passes in the contract suite.
 */

export type MessageHeaders = Readonly<Record<string, string>>;

export interface OutgoingMessage {
  /** Partitioning key: messages with one key keep their order. We use the stream id. */
  readonly key: string;
  readonly value: string;
  readonly headers?: MessageHeaders;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  /** Decimal string, as kafkajs gives it. */
  readonly offset: string;
  readonly key: string;
  readonly value: string;
  readonly headers: MessageHeaders;
  /** 1 on the first delivery attempt within this consumer's life; counts local retries. */
  readonly attempt: number;
}

export interface RetryPolicy {
  /** Retries after the first attempt before the message goes to the dead-letter topic. */
  readonly retries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 5, initialDelayMs: 100, maxDelayMs: 5_000 };

/**
 * Thrown (or wrapped) by a handler for a message that will never succeed (undecodable, unknown type,
 * invalid payload): it goes to the dead-letter topic at once, without retries.
 */
export class NonRetriableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'NonRetriableError';
  }
}

export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/** A message a consumer group gave up on, as it went to `<topic>.dlq`. */
export interface DeadLetterNote {
  readonly groupId: string;
  /** The original message (topic, partition, offset, key, value, headers). */
  readonly message: Omit<IncomingMessage, 'attempt'>;
  readonly error: string;
  readonly kind: 'non-retriable' | 'retries-exhausted';
  readonly attempts: number;
}

export interface ConsumeOptions {
  /** Consumer group: each message is handled by one member of the group; offsets are the group's. */
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handler: MessageHandler;
  /** Where a group with no committed offset starts. Default `earliest`. */
  readonly fromBeginning?: boolean;
  readonly retry?: RetryPolicy;
  /** Defaults to: NonRetriableError is non-retriable, everything else is retried. */
  readonly isRetriable?: (error: unknown) => boolean;
  /**
   * Told of every dead letter before the offset moves past it, so the service can record it where it
   * is seen and replayed (its own store). Retried a few times if it throws; the DLQ topic has it anyway.
   */
  readonly onDeadLetter?: (note: DeadLetterNote) => Promise<void>;
}

export interface ConsumerHandle {
  /** Stops fetching, lets the in-flight message finish and commits its offset, then leaves the group. */
  stop(): Promise<void>;
}

/** A consumer group's backlog on one partition: messages after its committed offset. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

export interface MessageBus {
  /** Resolves only once the broker acknowledged every message (all in-sync replicas for Kafka). */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /**
   * At-least-once: an offset is committed only after the handler succeeded, or after the message was
   * written to `<topic>.dlq` with the error in its headers. Messages of one key are handled in order.
   */
  consume(options: ConsumeOptions): Promise<ConsumerHandle>;
  /**
   * Messages on `topics` after the group's committed offsets (from the earliest retained message for
   * partitions the group never committed). Feeds `hope_bus_consumer_lag`, and answers readiness.
   */
  consumerLag(groupId: string, topics: readonly string[]): Promise<number>;
  /**
   * The same lag per topic and partition, every partition of each topic listed (0 included), ordered
   * by topic then partition. Feeds `hope_bus_consumer_lag{consumer,topic,partition}`: one stuck
   * partition (a slow key, a consumer that lost its assignment) shows as itself, not as a diluted sum.
   */
  consumerLagByPartition(groupId: string, topics: readonly string[]): Promise<readonly PartitionLag[]>;
  /** Creates topics if missing (idempotent). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
