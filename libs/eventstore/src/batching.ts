/**
 * An iterator that can also hand over at once the items it holds already (a page it read): the batcher
 * takes them in one call instead of one `next()`, promise and race per item. Call it only while no
 * `next()` is in flight; it returns at most `max` items, in order, and [] when it holds none.
 */
export interface ReadyItems<T> {
  takeReady(max: number): T[];
}

const hasReadyItems = <T>(source: AsyncIterator<T>): source is AsyncIterator<T> & ReadyItems<T> => typeof (source as Partial<ReadyItems<T>>).takeReady === 'function';

/**
 * Pulls items from an async iterator into batches: a batch closes when it is full, when the source
 * ends, or `idleMs` after its first item (Kafka's linger.ms): a trickle goes out promptly and a backlog
 * in large batches. One timer per batch, not per item: items already resolved join without waiting.
 * The pending `next()` is kept across batches, never dropped.
 */
export class Batcher<T> {
  private pending: Promise<IteratorResult<T>> | undefined;
  private done = false;
  private readonly ready: ReadyItems<T> | undefined;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly maxSize: number,
    private readonly idleMs: number,
  ) {
    this.ready = hasReadyItems(source) ? source : undefined;
  }

  get finished(): boolean {
    return this.done;
  }

  async nextBatch(): Promise<T[]> {
    const batch: T[] = [];
    let timer: NodeJS.Timeout | undefined;
    let linger: Promise<'timeout'> | undefined;
    try {
      while (batch.length < this.maxSize && !this.done) {
        this.pending ??= this.source.next();
        let result: IteratorResult<T> | 'timeout';
        if (batch.length === 0) result = await this.pending;
        else {
          linger ??= new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), this.idleMs)));
          result = await Promise.race([this.pending, linger]);
        }
        if (result === 'timeout') break;
        this.pending = undefined;
        if (result.done) {
          this.done = true;
          break;
        }
        batch.push(result.value);
        // No next() in flight now: whatever the source holds already joins without a promise each.
        if (this.ready !== undefined && batch.length < this.maxSize) {
          for (const item of this.ready.takeReady(this.maxSize - batch.length)) batch.push(item);
        }
      }
    } finally {
      clearTimeout(timer);
    }
    return batch;
  }
}
