import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Where the per-expert keys live; a deleted key is the erasure (crypto-shredding). */
export interface KeyStore {
  /**
   * Makes the expert's key (created if absent, atomically: two replicas agree on one) readable here
   * before a command seals with it. Never re-creates the key of a forgotten expert.
   */
  prepare(expertId: string): Promise<void>;
  /**
   * `prepare` for many experts at once (a bulk import): one transaction, one sync. Only for experts
   * known not to be forgotten. Stores without it are prepared one by one.
   */
  prepareMany?(expertIds: readonly string[]): Promise<void>;
  /** The expert's key, created on first use (a shared store: the one `prepare` made readable). */
  keyFor(expertId: string): Buffer;
  /** The expert's key if it still exists: undefined once forgotten. */
  find(expertId: string): Buffer | undefined;
  /** Deletes the key for good, durably, for every replica; idempotent. */
  delete(expertId: string): Promise<void> | void;
  close(): Promise<void> | void;
}

export const KEY_STORE = Symbol('MATCHING_KEY_STORE');

/** Keys `SqliteKeyStore` keeps at hand: a bulk import's windows, a page of search results. */
const RECENT_KEYS = 4_096;

/**
 * Keys in their own SQLite file in the service's data dir, not in the event store (events are immutable
 * and replicated, so a key there could never be deleted), not in the projections database (a rebuild
 * clears and copies it), and not in SharedState (a cache with TTLs: losing it would erase everyone).
 * FULL synchronous mode: a key acknowledged is a key kept. Synchronous reads suit the ranking index,
 * which opens profiles in a tight loop. For embedded mode and a single replica: several replicas share
 * `PostgresKeyStore` (MATCHING_KEYS_URL).
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  /**
   * Keys read or created lately, least recently used first: a sealed write asks for its key several
   * times (prepare, seal, the fold that opens it, the registry), a query of the file each time. Only
   * this process writes the file, and `delete` drops the key here first, so the copy is never stale.
   */
  private readonly recent = new Map<string, Buffer>();
  private readonly insert: Database.Statement<[string, Buffer]>;
  private readonly select: Database.Statement<[string], { key: Buffer }>;
  private readonly insertMany: (expertIds: readonly string[]) => void;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS expert_keys (expert_id TEXT PRIMARY KEY, key BLOB NOT NULL)');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO expert_keys (expert_id, key) VALUES (?, ?)');
    this.select = this.db.prepare('SELECT key FROM expert_keys WHERE expert_id = ?');
    this.insertMany = this.db.transaction((expertIds: readonly string[]) => {
      // One call to the generator for the batch: one per key cost as much as the insert.
      const random = randomBytes(32 * expertIds.length);
      expertIds.forEach((id, i) => this.insert.run(id, random.subarray(32 * i, 32 * (i + 1))));
    });
  }

  /** One file, one process: `keyFor` creates synchronously, nothing to fetch. */
  async prepare(): Promise<void> {}

  /** Each key created in its own synchronous commit costs a sync of the file: a bulk import creates its keys together. */
  async prepareMany(expertIds: readonly string[]): Promise<void> {
    const missing = expertIds.filter((id) => this.find(id) === undefined);
    if (missing.length > 0) this.insertMany(missing);
  }

  keyFor(expertId: string): Buffer {
    // A read first: every seal asks, and a write per seal would sync the file each time.
    const existing = this.find(expertId);
    if (existing) return existing;
    // INSERT OR IGNORE then read: two concurrent first uses agree on one key.
    this.insert.run(expertId, randomBytes(32));
    return this.find(expertId)!;
  }

  find(expertId: string): Buffer | undefined {
    const known = this.recent.get(expertId);
    if (known) {
      this.recent.delete(expertId);
      this.recent.set(expertId, known);
      return known;
    }
    const key = this.select.get(expertId)?.key;
    if (key) {
      this.recent.set(expertId, key);
      if (this.recent.size > RECENT_KEYS) this.recent.delete(this.recent.keys().next().value!);
    }
    return key;
  }

  delete(expertId: string): void {
    this.recent.delete(expertId);
    this.db.prepare('DELETE FROM expert_keys WHERE expert_id = ?').run(expertId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Nest calls it when the service stops. */
  onModuleDestroy(): void {
    this.close();
  }
}
