import { systemClock, type Clock } from '../tokens';
import type { SharedState } from './shared-state.port';

interface Slot {
  value: string;
  expiresAt?: number;
}

/**
 * SharedState for embedded mode (one process, so one map is shared by all "replicas"). TTLs are
 * checked against the injected clock on every read, so tests move time instead of sleeping.
 */
export class MemorySharedState implements SharedState {
  private readonly slots = new Map<string, Slot>();
  private sweeps = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    this.put(key, value, ttlMs);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.put(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.slots.delete(key);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const key = `lease:${name}`;
    const current = this.live(key);
    if (current !== undefined && current.value !== holder) return false;
    this.put(key, holder, ttlMs);
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    const key = `lease:${name}`;
    if (this.live(key)?.value === holder) this.slots.delete(key);
  }

  async incrementWindow(key: string, windowMs: number): Promise<number> {
    const window = Math.floor(this.now() / windowMs);
    const slotKey = `window:${key}:${window}`;
    const count = Number(this.live(slotKey)?.value ?? '0') + 1;
    this.put(slotKey, String(count), (window + 1) * windowMs - this.now());
    return count;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.slots.clear();
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private live(key: string): Slot | undefined {
    const slot = this.slots.get(key);
    if (slot?.expiresAt !== undefined && slot.expiresAt <= this.now()) {
      this.slots.delete(key);
      return undefined;
    }
    return slot;
  }

  private put(key: string, value: string, ttlMs?: number): void {
    this.slots.set(key, ttlMs === undefined ? { value } : { value, expiresAt: this.now() + ttlMs });
    // Expired keys nobody reads again would pile up (a window per minute); sweep now and then.
    if (++this.sweeps % 1000 === 0) for (const k of [...this.slots.keys()]) this.live(k);
  }
}
