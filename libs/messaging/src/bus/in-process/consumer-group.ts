/**
 * An in-process consumer group: the members that joined in this process share the partitions of the
 * topics they subscribe to. A partition has one owner at a time, so one key is handled by one member,
 * in order; when members join or leave, the old owner finishes and commits before the new one starts.
 */
import { ConsumeOptions } from '../bus.port';
import { PartitionWorker } from './partition-worker';
import { PublishSignal } from './publish-signal';
import { SqliteLog } from './sqlite-log';

export interface GroupMember {
  readonly id: number;
  readonly options: ConsumeOptions;
}

const slot = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

export class ConsumerGroup {
  private readonly members: GroupMember[] = [];
  private readonly workers = new Map<string, { readonly memberId: number; readonly worker: PartitionWorker }>();
  /** Rebalances run one after another: each sees the previous one's workers. */
  private rebalancing: Promise<void> = Promise.resolve();

  constructor(
    readonly groupId: string,
    private readonly log: SqliteLog,
    private readonly wakeups: PublishSignal,
    private readonly idlePollMs: number,
    private readonly onFatal: (error: unknown) => void,
  ) {}

  get size(): number {
    return this.members.length;
  }

  join(member: GroupMember): Promise<void> {
    this.members.push(member);
    return this.rebalance();
  }

  leave(memberId: number): Promise<void> {
    const index = this.members.findIndex((m) => m.id === memberId);
    if (index >= 0) this.members.splice(index, 1);
    return this.rebalance();
  }

  private rebalance(): Promise<void> {
    this.rebalancing = this.rebalancing.then(() => this.assign());
    return this.rebalancing;
  }

  /** Round-robin over the members subscribed to each topic, partition by partition (Kafka's RoundRobin). */
  private target(): Map<string, { topic: string; partition: number; member: GroupMember }> {
    const wanted = new Map<string, { topic: string; partition: number; member: GroupMember }>();
    const topics = [...new Set(this.members.flatMap((m) => m.options.topics))].sort();
    for (const topic of topics) {
      const subscribers = this.members.filter((m) => m.options.topics.includes(topic));
      const partitions = this.log.ensureTopic(topic);
      for (let partition = 0; partition < partitions; partition++) {
        const member = subscribers[partition % subscribers.length];
        if (member) wanted.set(slot(topic, partition), { topic, partition, member });
      }
    }
    return wanted;
  }

  private async assign(): Promise<void> {
    const wanted = this.target();
    const revoked = [...this.workers].filter(([key, owner]) => wanted.get(key)?.member.id !== owner.memberId);
    await Promise.all(
      revoked.map(async ([key, owner]) => {
        this.workers.delete(key);
        await owner.worker.stop();
      }),
    );
    for (const [key, { topic, partition, member }] of wanted) {
      if (this.workers.has(key)) continue;
      const worker = new PartitionWorker(this.log, this.wakeups, topic, partition, member.options, this.idlePollMs, this.onFatal);
      this.workers.set(key, { memberId: member.id, worker });
    }
  }
}
