import type { ReadyItems } from '../batching';
import type { AllFilter, EventSubscription, RecordedEvent } from '../event-store.port';

/**
 * Stores opened on the same file in this process wake each other's subscriptions on append;
 * appends from other processes are seen by polling.
 */
export class AppendNotifier {
  private static readonly byFile = new Map<string, Set<() => void>>();

  static listen(file: string, listener: () => void): () => void {
    let listeners = AppendNotifier.byFile.get(file);
    if (listeners === undefined) {
      listeners = new Set();
      AppendNotifier.byFile.set(file, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) AppendNotifier.byFile.delete(file);
    };
  }

  static notify(file: string): void {
    for (const listener of AppendNotifier.byFile.get(file) ?? []) listener();
  }
}

/** What a subscription needs from the store: synchronous, consistent reads of the log. */
export interface LogReader {
  /** Highest position in the log now (0 when empty). */
  headPosition(): number;
  /** Events with after < position <= upTo matching the filter, in order, at most `limit`. */
  readRange(after: number, upTo: number, filter: AllFilter | undefined, limit: number): RecordedEvent[];
}

export interface SqliteSubscriptionOptions {
  readonly file: string;
  readonly reader: LogReader;
  /** Exclusive. */
  readonly after: number;
  readonly filter: AllFilter | undefined;
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  readonly onEnd: (s: SqliteSubscription) => void;
}

/**
 * Catch-up then live, by one loop: read pages after the last delivered position up to a head
 * snapshot; when caught up, sleep until an append notification, a poll tick or unsubscribe. Positions
 * are assigned under SQLite's single write lock, so a later commit always has a higher position and
 * reading "after the last position" can neither skip nor repeat an event.
 */
export class SqliteSubscription implements EventSubscription {
  private after: number;
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly stopListening: () => void;
  private started = false;
  /** The page read last and how much of it was delivered: the next read starts after `after`. */
  private page: readonly RecordedEvent[] = [];
  private index = 0;

  constructor(private readonly o: SqliteSubscriptionOptions) {
    this.after = o.after;
    this.stopListening = AppendNotifier.listen(o.file, () => this.wake?.());
  }

  async unsubscribe(): Promise<void> {
    this.end();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> & ReadyItems<RecordedEvent> {
    if (this.started) throw new Error('A subscription can be iterated only once');
    this.started = true;
    return Object.assign(this.run(), { takeReady: (max: number) => this.takeReady(max) });
  }

  /** The rest of the page read already, up to `max` (a Batcher takes it in one call: ReadyItems). */
  private takeReady(max: number): RecordedEvent[] {
    if (this.ended || this.index >= this.page.length) return [];
    const taken = this.page.slice(this.index, this.index + max);
    this.index += taken.length;
    return taken;
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.ended) {
        if (this.index < this.page.length) {
          yield this.page[this.index++]!;
          continue;
        }
        const head = this.o.reader.headPosition();
        if (head > this.after) {
          this.page = this.o.reader.readRange(this.after, head, this.o.filter, this.o.pageSize);
          this.index = 0;
          // The next read starts after this page; a short page means nothing else matches up to head,
          // so the filtered-out rest is skipped.
          const last = this.page[this.page.length - 1];
          this.after = this.page.length === this.o.pageSize && last !== undefined ? Number(last.position.commit) : head;
          continue;
        }
        // Reading the head and starting to sleep happen in one synchronous step, so an append cannot
        // slip in between unseen: it either is below head or notifies this sleep.
        await this.sleep();
      }
    } finally {
      this.end();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.o.pollIntervalMs);
      this.wake = done;
    });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.page = [];
    this.stopListening();
    this.wake?.();
    this.o.onEnd(this);
  }
}
