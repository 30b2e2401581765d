/**
 * What the relay needs to make sure one replica publishes at a time. SharedState (Redis in
 * production) satisfies it structurally; so does `soleLease` when one process owns the store.
 */
export interface LeaseProvider {
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

/** Embedded mode: the process is the only relay for its store, so the lease is always ours. */
export const soleLease: LeaseProvider = {
  acquireLease: async () => true,
  releaseLease: async () => undefined,
};
