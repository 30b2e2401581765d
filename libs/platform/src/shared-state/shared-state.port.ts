/**
 * What the replicas of one service share, small and short-lived: idempotency keys with a TTL, leases
 * (one active relay per service), rate-limit counters. Redis in production, memory in embedded mode.
 * Nothing here is a source of truth: losing it may cost a duplicate side-effect-free retry, never data.
 */
export interface SharedState {
  /** Sets the key only if it is absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  /** Overwrites; `ttlMs` undefined keeps no expiry. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;

  /** Takes the lease if free or already held by `holder` (and extends it); true if `holder` holds it now. */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease back only if `holder` holds it. */
  releaseLease(name: string, holder: string): Promise<void>;

  /** Adds 1 to a counter for the current fixed window of `windowMs`; returns the new count. */
  incrementWindow(key: string, windowMs: number): Promise<number>;

  /** Round-trip check for readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
