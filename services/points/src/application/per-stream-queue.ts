/**
 * Runs work on one stream one at a time in this process, so concurrent commands queue instead of
 * fighting over the expected revision (which still decides across replicas).
 */
export class PerStreamQueue {
  private readonly queues = new Map<string, Promise<unknown>>();

  async run<T>(stream: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(stream) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(work);
    this.queues.set(stream, mine);
    try {
      return await mine;
    } finally {
      if (this.queues.get(stream) === mine) this.queues.delete(stream);
    }
  }
}
