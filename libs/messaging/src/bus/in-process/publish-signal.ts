/**
 * Wakes idle partition workers when a message is appended to their topic, so consumers neither spin nor
 * wait out a poll interval for messages published in this process.
 */
export class PublishSignal {
  private readonly waiters = new Map<string, Set<() => void>>();

  notify(topic: string): void {
    const waiting = this.waiters.get(topic);
    if (!waiting) return;
    this.waiters.delete(topic);
    for (const wake of waiting) wake();
  }

  /** Resolves on the next publish to `topic`, after `timeoutMs`, or when `signal` aborts. */
  next(topic: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        this.waiters.get(topic)?.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal.addEventListener('abort', wake, { once: true });
      let waiting = this.waiters.get(topic);
      if (!waiting) this.waiters.set(topic, (waiting = new Set()));
      waiting.add(wake);
    });
  }
}
