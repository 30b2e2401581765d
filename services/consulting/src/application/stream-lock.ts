/**
 * Serialises this process's commands per stream. Correctness across replicas comes from the expected
 * revision alone; this lock only stops one replica from racing itself, so 200 registrations for one
 * meeting do not spend their retries on conflicts they could have queued for.
 */
export class StreamLock {
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
