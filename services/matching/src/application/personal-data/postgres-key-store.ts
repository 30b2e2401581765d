import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import type { KeyStore } from './key-store';

const TABLE = 'matching_expert_keys';
const CHANNEL = 'matching_expert_keys';

/**
 * The per-expert keys every matching replica shares, in PostgreSQL (durable: WAL, fsync, the backups
 * and replication SREs already run for it). The row is the truth:
 * - create-if-absent is one conditional insert (`ON CONFLICT DO NOTHING`), then a read of the winner's
 *   key: two replicas sealing a first profile agree on one key;
 * - a forget overwrites the key with NULL (a tombstone) in a transaction that NOTIFYs every replica at
 *   its commit, and `delete` resolves only after that commit, i.e. before ExpertForgotten is appended.
 *   The tombstone keeps a late `prepare` (a retried join, an update racing the forget) from minting a new
 *   key that could never open the old seals.
 * Sealing and opening are synchronous (decider, read models), so each replica reads a mirror of the
 * table: loaded at start (a restarted pod knows every key), updated by the NOTIFYs of other replicas'
 * creates and forgets, reloaded whole when the listening connection comes back. A forget reaches the
 * other replicas' mirrors within a NOTIFY round trip of its commit.
 */
export class PostgresKeyStore implements KeyStore {
  /** null = forgotten (tombstone). */
  private readonly mirror = new Map<string, Buffer | null>();
  private listener: Client | undefined;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly url: string,
  ) {}

  static async open(url: string): Promise<PostgresKeyStore> {
    const pool = new Pool({ connectionString: url, max: 4 });
    await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (expert_id TEXT PRIMARY KEY, key BYTEA)`);
    const store = new PostgresKeyStore(pool, url);
    try {
      await store.listen();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async prepare(expertId: string): Promise<void> {
    const created = await this.pool.query(`INSERT INTO ${TABLE} (expert_id, key) VALUES ($1, $2) ON CONFLICT (expert_id) DO NOTHING`, [expertId, randomBytes(32)]);
    if (created.rowCount === 1) await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, `created:${expertId}`]);
    await this.fetch(expertId);
  }

  keyFor(expertId: string): Buffer {
    const key = this.mirror.get(expertId);
    if (key === undefined) throw new Error(`No key prepared for expert ${expertId}: call prepare() before a command that seals`);
    // A forgotten expert is refused by the decider before anything is sealed; never seal with no key.
    if (key === null) throw new Error(`Expert ${expertId} was forgotten: nothing may be sealed for them`);
    return key;
  }

  find(expertId: string): Buffer | undefined {
    return this.mirror.get(expertId) ?? undefined;
  }

  async delete(expertId: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${TABLE} (expert_id, key) VALUES ($1, NULL) ON CONFLICT (expert_id) DO UPDATE SET key = NULL`, [expertId]);
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, `deleted:${expertId}`]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.mirror.set(expertId, null);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** Nest calls it when the service stops. */
  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  /** LISTEN before loading, so no change made in between is missed. */
  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.url });
    await listener.connect();
    listener.on('notification', (n) => void this.onNotification(n.payload ?? ''));
    listener.on('error', () => void this.relisten(listener));
    await listener.query(`LISTEN ${CHANNEL}`);
    this.listener = listener;
    await this.reload();
  }

  /** Notifications sent while disconnected are lost: come back, then reload everything. */
  private async relisten(broken: Client): Promise<void> {
    if (this.closed || this.listener !== broken) return;
    this.listener = undefined;
    await broken.end().catch(() => undefined);
    while (!this.closed) {
      try {
        await this.listen();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  private async onNotification(payload: string): Promise<void> {
    const [what, expertId] = [payload.slice(0, payload.indexOf(':')), payload.slice(payload.indexOf(':') + 1)];
    if (what === 'deleted') this.mirror.set(expertId, null);
    else if (what === 'created') await this.fetch(expertId).catch(() => undefined);
  }

  private async fetch(expertId: string): Promise<void> {
    const { rows } = await this.pool.query<{ key: Buffer | null }>(`SELECT key FROM ${TABLE} WHERE expert_id = $1`, [expertId]);
    if (rows[0] !== undefined) this.remember(expertId, rows[0].key);
  }

  /** Forgotten is for good: a read that raced the forget never brings the key back. */
  private remember(expertId: string, key: Buffer | null): void {
    if (this.mirror.get(expertId) !== null) this.mirror.set(expertId, key);
  }

  private async reload(): Promise<void> {
    const { rows } = await this.pool.query<{ expert_id: string; key: Buffer | null }>(`SELECT expert_id, key FROM ${TABLE}`);
    for (const r of rows) this.remember(r.expert_id, r.key);
  }
}
