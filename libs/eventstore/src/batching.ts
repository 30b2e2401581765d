/**
 * Pulls items from an async iterator into batches: a batch closes when it is full or when the source
 * has nothing more ready right now (a short idle wait), so a trickle is published promptly and a
 * backlog goes out in large batches. The pending `next()` is kept across batches, never dropped.
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
    while (batch.length < this.maxSize && !this.done) {
      this.pending ??= this.source.next();
      const waitMs = batch.length === 0 ? undefined : this.idleMs;
      const result = waitMs === undefined ? await this.pending : await raceWithTimeout(this.pending, waitMs);
      if (result === 'timeout') break;
      this.pending = undefined;
      if (result.done) {
        this.done = true;
        break;
      }
      batch.push(result.value);
    }
    return batch;
  }
}

async function raceWithTimeout<R>(p: Promise<R>, ms: number): Promise<R | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
