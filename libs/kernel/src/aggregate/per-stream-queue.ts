/**
 * Runs work on one stream one at a time in this process, so concurrent commands on one aggregate queue
 * instead of spending their retries on conflicts. Across processes the expected revision decides.
 * A failed piece of work does not stop the queue behind it.
 */
export class PerStreamQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(stream: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(stream) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.tails.set(stream, tail);
    try {
      return await mine;
    } finally {
      // Forget the stream once nobody queued behind us, or the map grows with every stream ever used.
      if (this.tails.get(stream) === tail) this.tails.delete(stream);
    }
  }
}
