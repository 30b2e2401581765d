/**
 * One consumer-group member on kafkajs `eachBatch`: per message run the handler (retrying with backoff),
 * dead-letter what fails for good, and only then resolve its offset, so kafkajs commits nothing that was
 * not handled. Handler errors never reach kafkajs; only Kafka's own errors do (and kafkajs restarts).
 */
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { ConsumeOptions, ConsumerHandle, MessageHeaders, OutgoingMessage } from '../bus.port';
import { attemptOnce, deadLetter, noteDeadLetter, sleep } from '../delivery';

export interface KafkaConsumerTuning {
  /** Below it, a member that stopped heartbeating (crashed) loses its partitions. Default 10 s. */
  readonly sessionTimeout?: number;
  readonly heartbeatInterval?: number;
  /** Partitions handled at once per member, so one retrying partition does not hold up the others. */
  readonly partitionsConsumedConcurrently?: number;
  /** Longest a fetch waits for new messages (also bounds how long stop() waits for an idle fetch). */
  readonly maxWaitTimeInMs?: number;
}

type Publish = (topic: string, messages: readonly OutgoingMessage[]) => Promise<void>;

export function headersToStrings(headers: IHeaders | undefined): MessageHeaders {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    // A repeated header arrives as an array; the last value wins, as with most Kafka clients' lastHeader().
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) result[name] = value.toString();
  }
  return result;
}

function toDelivered(topic: string, partition: number, message: KafkaMessage) {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
    headers: headersToStrings(message.headers),
  };
}

const DLQ_RETRY_MS = 500;

export async function startKafkaConsumer(
  kafka: Kafka,
  publish: Publish,
  options: ConsumeOptions,
  tuning: KafkaConsumerTuning,
): Promise<ConsumerHandle> {
  const stopping = new AbortController();
  // The attempt count of the message a partition is retrying, and the timers that will resume it.
  const retrying = new Map<string, { readonly offset: string; readonly attempts: number }>();
  const resumeTimers = new Set<NodeJS.Timeout>();

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch, resolveOffset, heartbeat, pause, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    const slot = `${batch.topic}|${batch.partition}`;
    const lost = (): boolean => stopping.signal.aborted || !isRunning() || isStale();
    for (const raw of batch.messages) {
      if (lost()) return;
      const message = toDelivered(batch.topic, batch.partition, raw);
      const previous = retrying.get(slot);
      const attempt = previous?.offset === raw.offset ? previous.attempts + 1 : 1;
      const result = await attemptOnce(message, attempt, options);
      if (result.outcome === 'retry') {
        // Waiting here would hold up every partition: kafkajs fetches again only when all batches of the
        // last fetch are done. So pause this partition, leave the message unresolved (it is fetched
        // again) and resume after the backoff; other partitions keep flowing meanwhile.
        retrying.set(slot, { offset: raw.offset, attempts: attempt });
        const resume = pause();
        const timer = setTimeout(() => {
          resumeTimers.delete(timer);
          resume();
        }, result.delayMs);
        resumeTimers.add(timer);
        return;
      }
      retrying.delete(slot);
      if (result.outcome === 'dead') {
        await noteDeadLetter(options.onDeadLetter, options.groupId, message, result);
        const dead = deadLetter(message, result, options.groupId);
        if (!(await publishUntilDone(publish, dead.topic, dead.message, lost))) return;
      }
      resolveOffset(raw.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  };

  /** Members that crashed (kafkajs stopped them): such a member is replaced, never left dead. */
  const crashed = new WeakSet<Consumer>();
  let current: Consumer | undefined;
  let replacing: Promise<void> | undefined;

  /** A new group member, connected, subscribed and running; a failure leaves nothing connected. */
  const startMember = async (): Promise<Consumer> => {
    const consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: tuning.sessionTimeout ?? 10_000,
      heartbeatInterval: tuning.heartbeatInterval ?? 1_000,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs ?? 1_000,
      allowAutoTopicCreation: false,
      // Kafka's own failures (broker gone, coordinator moved) are retried by kafkajs; when it gives up it
      // crashes the member. kafkajs restarts only some crashes (a "non-retriable" cause, or a restart whose
      // own start fails, leaves the member dead for good: a broker restart under load did both), so every
      // crash is handled here instead: the member is replaced until a new one runs.
      retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 10, restartOnFailure: async () => false },
    });
    consumer.on(consumer.events.CRASH, () => {
      crashed.add(consumer);
      if (consumer === current) replaceCrashed();
    });
    await consumer.connect();
    try {
      await subscribeWhenTopicsAreReady(consumer, options);
      await consumer.run({
        eachBatch,
        eachBatchAutoResolve: false,
        // autoCommit commits resolved offsets only (we resolve after success or dead-lettering): after each
        // batch, every second via commitOffsetsIfNecessary, and before a rebalance hands partitions away.
        autoCommit: true,
        autoCommitInterval: 1_000,
        partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently ?? 3,
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    return consumer;
  };

  /**
   * Replaces the crashed member with a new one (same group: it resumes from the committed offsets, so a
   * message is at worst delivered again, never skipped), with backoff, until one runs or the consumer stops.
   */
  const replaceCrashed = (): void => {
    if (replacing !== undefined || stopping.signal.aborted) return;
    replacing = (async () => {
      await current?.disconnect().catch(() => undefined);
      for (let attempt = 0; !stopping.signal.aborted; attempt++) {
        try {
          const next = await startMember();
          if (stopping.signal.aborted) {
            await next.disconnect().catch(() => undefined);
            return;
          }
          current = next;
          if (!crashed.has(next)) return;
          await next.disconnect().catch(() => undefined);
        } catch {
          // Not reachable yet: try again after the backoff.
        }
        await sleep(Math.min(200 * 2 ** attempt, 5_000), stopping.signal);
      }
    })().finally(() => {
      replacing = undefined;
      // A member that crashed while this replacement was finishing is replaced in turn.
      if (current !== undefined && crashed.has(current)) replaceCrashed();
    });
  };

  // The first member's failure to start is the caller's (the service does not start without its consumer).
  current = await startMember();

  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping.abort();
        for (const timer of resumeTimers) clearTimeout(timer);
        await replacing;
        // disconnect() stops the run loop (waiting for the batch in flight, then committing) and leaves the group.
        await current?.disconnect();
      })()),
  };
}

/**
 * A topic another service has just created may not have leaders in this client's metadata yet
 * ("This server does not host this topic-partition"): a retriable error, so wait and ask again
 * rather than fail the service's start.
 */
async function subscribeWhenTopicsAreReady(consumer: Consumer, options: ConsumeOptions, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
      return;
    } catch (error) {
      if ((error as { retriable?: boolean }).retriable !== true || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)));
    }
  }
}

/** A dead letter that cannot be written must not be skipped: keep trying until it is, or we lose the partition. */
async function publishUntilDone(
  publish: Publish,
  topic: string,
  message: OutgoingMessage,
  lost: () => boolean,
): Promise<boolean> {
  for (;;) {
    try {
      await publish(topic, [message]);
      return true;
    } catch {
      if (lost() || !(await sleep(DLQ_RETRY_MS))) return false;
    }
  }
}
