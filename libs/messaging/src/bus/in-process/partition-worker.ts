/**
 * Consumes one partition of one topic for one group member: messages strictly in offset order, the
 * offset committed after each message is handled or dead-lettered, never before.
 */
import { deadLetter, deliver, noteDeadLetter } from '../delivery';
import { ConsumeOptions } from '../bus.port';
import { PublishSignal } from './publish-signal';
import { SqliteLog } from './sqlite-log';

const FETCH_SIZE = 100;

export class PartitionWorker {
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;

  constructor(
    private readonly log: SqliteLog,
    private readonly wakeups: PublishSignal,
    readonly topic: string,
    readonly partition: number,
    private readonly options: ConsumeOptions,
    /** Another process may append to the same file; it cannot wake us, so look now and then. */
    private readonly idlePollMs: number,
    onFatal: (error: unknown) => void,
  ) {
    this.done = this.run().catch(onFatal);
  }

  /** Lets the in-flight message finish (its offset committed), abandons a pending retry, then resolves. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  /**
   * Offsets are committed in the log's writer thread, in order, without holding up the next message; the
   * last one is awaited before the next fetch (so a failure surfaces) and before the worker stops (so the
   * next owner of the partition starts after it).
   */
  private lastCommit: Promise<void> = Promise.resolve();

  private async run(): Promise<void> {
    try {
      await this.consume();
    } finally {
      await this.lastCommit;
    }
  }

  private commit(nextOffset: number): void {
    const commit = this.log.commit(this.options.groupId, this.topic, this.partition, nextOffset);
    commit.catch(() => undefined); // a later commit supersedes it; the last one is awaited
    this.lastCommit = commit;
  }

  private async consume(): Promise<void> {
    const { groupId } = this.options;
    const signal = this.abort.signal;
    let next =
      this.log.committed(groupId, this.topic, this.partition) ??
      (this.options.fromBeginning === false ? this.log.endOffset(this.topic, this.partition) : 0);
    while (!signal.aborted) {
      await this.lastCommit;
      const batch = this.log.fetch(this.topic, this.partition, next, FETCH_SIZE);
      if (batch.length === 0) {
        await this.wakeups.next(this.topic, this.idlePollMs, signal);
        continue;
      }
      for (const stored of batch) {
        if (signal.aborted) return;
        const message = { ...stored, offset: String(stored.offset) };
        const outcome = await deliver(message, {
          handler: this.options.handler,
          retry: this.options.retry,
          isRetriable: this.options.isRetriable,
          signal,
        });
        if (outcome.outcome === 'abandoned') return;
        next = stored.offset + 1;
        if (outcome.outcome === 'handled') {
          this.commit(next);
        } else {
          await noteDeadLetter(this.options.onDeadLetter, groupId, message, outcome);
          const dead = deadLetter(message, outcome, groupId);
          await this.log.deadLetterAndCommit(groupId, { topic: this.topic, partition: this.partition, nextOffset: next }, dead.topic, dead.message);
          this.wakeups.notify(dead.topic);
        }
      }
    }
  }
}
