/**
 * Pulls items from an async iterator into batches: a batch closes when it is full, when the source
 * ends, or `idleMs` after its first item (Kafka's linger.ms): a trickle goes out promptly and a backlog
 * in large batches. One timer per batch, not per item: items already resolved join without waiting.
 * The pending `next()` is kept across batches, never dropped.
 */
export class Batcher<T> {
  private pending: Promise<IteratorResult<T>> | undefined;
  private done = false;

  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly maxSize: number,
    private readonly idleMs: number,
  ) {}

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
      }
    } finally {
      clearTimeout(timer);
    }
    return batch;
  }
}
