/**
 * The embedded-mode bus: Kafka's semantics (partitioned topics, consumer groups, per-key order,
 * at-least-once, committed offsets that survive a restart) in one process over one SQLite file.
 * One process consumes a given file; other processes may publish to it (consumers see their messages
 * within `idlePollMs`, since only publishes in this process wake them at once).
 */
import { ConsumeOptions, ConsumerHandle, MessageBus, OutgoingMessage, PartitionLag } from '../bus.port';
import { ConsumerGroup } from './consumer-group';
import { PublishSignal } from './publish-signal';
import { SqliteLog } from './sqlite-log';

export interface InProcessBusOptions {
  /** SQLite file path, or `:memory:` for tests. */
  readonly file: string;
  /** Partitions of each topic created from now on. Default 3, like the test broker. */
  readonly partitions?: number;
  /** How often an idle partition looks for messages appended by another process. Default 1000 ms. */
  readonly idlePollMs?: number;
  /** A consumer stopped by a storage failure (not a handler error: those are retried or dead-lettered). */
  readonly onError?: (error: unknown) => void;
}

export class InProcessBus implements MessageBus {
  private readonly wakeups = new PublishSignal();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly handles = new Set<ConsumerHandle>();
  private nextMemberId = 1;
  private closed = false;

  private constructor(
    private readonly log: SqliteLog,
    private readonly idlePollMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  static async open(options: InProcessBusOptions): Promise<InProcessBus> {
    const partitions = options.partitions ?? 3;
    if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
    const onError = options.onError ?? ((error: unknown) => process.emitWarning(`in-process bus consumer failed: ${String(error)}`));
    return new InProcessBus(new SqliteLog(options.file, partitions), options.idlePollMs ?? 1_000, onError);
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    // Resolves once the transaction is committed and fsynced (in the log's writer thread).
    await this.log.append(topic, messages);
    this.wakeups.notify(topic);
  }

  async consumerLag(groupId: string, topics: readonly string[]): Promise<number> {
    return (await this.consumerLagByPartition(groupId, topics)).reduce((sum, p) => sum + p.lag, 0);
  }

  async consumerLagByPartition(groupId: string, topics: readonly string[]): Promise<readonly PartitionLag[]> {
    this.assertOpen();
    return topics.flatMap((topic) => this.log.lag(groupId, topic).map((lag, partition) => ({ topic, partition, lag })));
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const topic of topics) this.log.ensureTopic(topic);
  }

  async consume(options: ConsumeOptions): Promise<ConsumerHandle> {
    this.assertOpen();
    if (options.topics.length === 0) throw new RangeError('consume needs at least one topic');
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = new ConsumerGroup(options.groupId, this.log, this.wakeups, this.idlePollMs, this.onError);
      this.groups.set(options.groupId, group);
    }
    const member = { id: this.nextMemberId++, options };
    await group.join(member);
    const joined = group;
    let stopping: Promise<void> | undefined;
    const handle: ConsumerHandle = {
      stop: () =>
        (stopping ??= joined.leave(member.id).then(() => {
          this.handles.delete(handle);
          if (joined.size === 0 && this.groups.get(joined.groupId) === joined) this.groups.delete(joined.groupId);
        })),
    };
    this.handles.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.handles].map((handle) => handle.stop()));
    await this.log.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InProcessBus is closed');
  }
}
