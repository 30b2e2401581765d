import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Batcher } from '../batching';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../event-store.port';
import { loadInBulk, removeScratch } from './bulk-load';
import type { SqlProjection } from './projection';

export interface ProjectionRunnerOptions {
  /** SQLite file of the read models (`:memory:` for tests). */
  readonly file: string;
  readonly store: EventStore;
  readonly projections: readonly SqlProjection[];
  /** Most events applied in one transaction (default 1,000). Larger batches measured slower: dirty pages spill past the cache. */
  readonly batchSize?: number;
  readonly onError?: (projection: string, error: unknown) => void;
}

export interface RebuildReport {
  readonly projection: string;
  readonly position: Position | undefined;
  readonly liveChecksum: string;
  readonly rebuiltChecksum: string;
  /** The live read model differed from a from-scratch replay at the same position (now corrected). */
  readonly drifted: boolean;
  /** False if writes kept the two from meeting at one position (the swap still happened). */
  readonly verifiedAtSamePosition: boolean;
}

interface Waiter {
  position: Position;
  resolve: () => void;
}

interface Running {
  readonly projection: SqlProjection;
  position: Position | undefined;
  loop?: Promise<void>;
  unsubscribe?: () => Promise<void>;
  stopped: boolean;
  waiters: Waiter[];
}

const CHECKPOINTS = `
  CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    commit_position TEXT,
    prepare_position TEXT
  );
`;

const matches = (p: SqlProjection, e: RecordedEvent): boolean =>
  (p.filter.eventTypes === undefined || p.filter.eventTypes.includes(e.type)) &&
  (p.filter.streamPrefixes === undefined || p.filter.streamPrefixes.some((prefix) => e.stream.startsWith(prefix)));

/**
 * Feeds SQL projections from the service's store: one catch-up subscription per projection, each batch
 * applied and the checkpoint moved in ONE SQLite transaction. Every event moves the checkpoint, even
 * the ones a projection ignores, so `waitFor(position)` works for any append. A version bump drops
 * the projection's tables (its schema then creates them in their new layout), `rebuild()` clears them;
 * both replay from position 0.
 */
export class ProjectionRunner {
  readonly db: Database.Database;
  private readonly running = new Map<string, Running>();

  private constructor(private readonly options: ProjectionRunnerOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    // A read model is rebuilt from the store if lost: NORMAL is enough (crash-safe, not power-loss-safe).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Read models are B-trees keyed by account ids that arrive in no order: with SQLite's 2 MB default
    // a rebuild spends its time re-reading and re-writing evicted pages. 64 MB is a ceiling, not an allocation.
    this.db.pragma('cache_size = -65536');
    this.db.exec(CHECKPOINTS);
    for (const p of options.projections) {
      if (this.running.has(p.name)) throw new Error(`Projection "${p.name}" registered twice`);
      const stored = this.db.prepare<[string], { version: number }>('SELECT version FROM projection_checkpoints WHERE name = ?').get(p.name);
      // Dropped, not cleared, before the schema runs: a new version may change a table's columns, and
      // `CREATE TABLE IF NOT EXISTS` would keep the old layout.
      if (stored && stored.version !== p.version) this.reset(p, 'drop');
      this.db.exec(p.schema);
      this.running.set(p.name, { projection: p, position: this.loadCheckpoint(p.name), stopped: true, waiters: [] });
    }
  }

  static open(options: ProjectionRunnerOptions): ProjectionRunner {
    return new ProjectionRunner(options);
  }

  start(): void {
    for (const r of this.running.values()) if (r.stopped) this.run(r);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => this.halt(r)));
  }

  async close(): Promise<void> {
    await this.stop();
    this.db.close();
  }

  names(): string[] {
    return [...this.running.keys()];
  }

  /** Where a projection has got to (the last event it has seen, applied or not). */
  position(name: string): Position | undefined {
    return this.get(name).position;
  }

  /** The projections that have not yet seen `position` (readiness at start: none may lag the head). */
  behind(position: Position): string[] {
    return [...this.running.values()].filter((r) => !r.position || comparePositions(r.position, position) < 0).map((r) => r.projection.name);
  }

  /** Resolves once every projection has seen `position` (read-your-writes after a command). */
  async waitFor(position: Position, timeoutMs = 5_000): Promise<void> {
    await Promise.all(
      [...this.running.values()].map((r) => {
        if (r.position && comparePositions(r.position, position) >= 0) return undefined;
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`projection "${r.projection.name}" did not reach the position within ${timeoutMs} ms`)), timeoutMs);
          r.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve()) });
        });
      }),
    );
  }

  /** Clears the projection's tables and checkpoint, then replays every event from position 0. */
  async rebuild(name: string): Promise<void> {
    const r = this.get(name);
    const wasRunning = !r.stopped;
    await this.halt(r);
    this.reset(r.projection);
    r.position = undefined;
    if (wasRunning) this.run(r);
  }

  /**
   * Rebuilds a projection from position 0 in a separate database beside the live one while the live
   * one keeps serving; then, at one position, compares the two checksums (a difference means the live
   * read model had drifted) and copies the rebuilt rows over the live tables in one transaction, so
   * readers see the old state or the new one, never a mix.
   */
  async rebuildBeside(name: string, shadowFile: string, timeoutMs = 600_000): Promise<RebuildReport> {
    const r = this.get(name);
    const wasRunning = !r.stopped;
    const shadow = ProjectionRunner.open({ file: shadowFile, store: this.options.store, projections: [r.projection] });
    try {
      shadow.start();
      let verified = false;
      let liveChecksum = '';
      let rebuiltChecksum = '';
      let at: Position | undefined;
      for (let attempt = 0; attempt < 5 && !verified; attempt++) {
        const end = await this.storeEnd();
        if (end) await shadow.waitFor(end, timeoutMs);
        await shadow.stop();
        at = shadow.position(name);
        if (at) {
          if (r.stopped) this.run(r);
          await this.waitForOne(r, at, timeoutMs);
        }
        await this.halt(r);
        rebuiltChecksum = shadow.checksum(name);
        liveChecksum = this.checksum(name);
        const same = (a?: Position, b?: Position) => (a === undefined ? b === undefined : b !== undefined && comparePositions(a, b) === 0);
        if (same(r.position, at)) verified = true;
        else shadow.start();
      }
      this.copyFrom(shadowFile, r.projection, at);
      r.position = at;
      return { projection: name, position: at, liveChecksum, rebuiltChecksum, drifted: verified && liveChecksum !== rebuiltChecksum, verifiedAtSamePosition: verified };
    } finally {
      await shadow.close();
      removeScratch(shadowFile);
      if (wasRunning && r.stopped) this.run(r);
    }
  }

  private async storeEnd(): Promise<Position | undefined> {
    for await (const e of this.options.store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) return e.position;
    return undefined;
  }

  private waitForOne(r: Running, position: Position, timeoutMs: number): Promise<void> {
    if (r.position && comparePositions(r.position, position) >= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`projection "${r.projection.name}" did not reach the position within ${timeoutMs} ms`)), timeoutMs);
      r.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private copyFrom(shadowFile: string, p: SqlProjection, at: Position | undefined): void {
    this.db.prepare('ATTACH DATABASE ? AS shadow').run(shadowFile);
    try {
      this.db.transaction(() => {
        for (const table of p.tables) {
          this.db.prepare(`DELETE FROM main."${table}"`).run();
          this.db.prepare(`INSERT INTO main."${table}" SELECT * FROM shadow."${table}"`).run();
        }
        this.db.prepare('DELETE FROM main.projection_checkpoints WHERE name = ?').run(p.name);
        if (at) {
          this.db
            .prepare('INSERT INTO main.projection_checkpoints (name, version, commit_position, prepare_position) VALUES (?, ?, ?, ?)')
            .run(p.name, p.version, at.commit.toString(), at.prepare.toString());
        }
      })();
    } finally {
      this.db.prepare('DETACH DATABASE shadow').run();
    }
  }

  /** SHA-256 over every row of the projection's tables, in a canonical order. */
  checksum(name: string): string {
    const hash = createHash('sha256');
    for (const table of [...this.get(name).projection.tables].sort()) {
      const columns = this.db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => `"${c.name}"`);
      hash.update(`table ${table}\n`);
      for (const row of this.db.prepare(`SELECT ${columns.join(', ')} FROM "${table}" ORDER BY ${columns.join(', ')}`).raw().iterate()) {
        hash.update(`${JSON.stringify(row)}\n`);
      }
    }
    return hash.digest('hex');
  }

  private get(name: string): Running {
    const r = this.running.get(name);
    if (!r) throw new Error(`No projection "${name}"`);
    return r;
  }

  private reset(p: SqlProjection, how: 'clear' | 'drop' = 'clear'): void {
    this.db.transaction(() => {
      for (const table of p.tables) this.db.prepare(how === 'drop' ? `DROP TABLE IF EXISTS "${table}"` : `DELETE FROM "${table}"`).run();
      this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(p.name);
    })();
  }

  private loadCheckpoint(name: string): Position | undefined {
    const row = this.db
      .prepare<[string], { commit_position: string | null; prepare_position: string | null }>('SELECT commit_position, prepare_position FROM projection_checkpoints WHERE name = ?')
      .get(name);
    if (!row || row.commit_position === null || row.prepare_position === null) return undefined;
    return { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
  }

  private run(r: Running): void {
    r.stopped = false;
    r.loop = (async () => {
      while (!r.stopped) {
        try {
          if (r.position === undefined && r.projection.rebuildInBulk && this.options.file !== ':memory:') await this.loadInBulk(r);
          await this.follow(r);
        } catch (error) {
          this.options.onError?.(r.projection.name, error);
          if (!r.stopped) await new Promise((done) => setTimeout(done, 500));
        }
      }
    })();
  }

  /**
   * From position 0: builds the projection in a scratch file beside the live one (`bulk-load.ts`),
   * then copies its rows over the projection's tables with the checkpoint in one transaction. A crash
   * or a stop before the copy leaves the live tables without a checkpoint, so the next start loads again.
   */
  private async loadInBulk(r: Running): Promise<void> {
    const p = r.projection;
    const scratch = `${this.options.file}.bulk-${p.name}`;
    try {
      const at = await loadInBulk({ file: scratch, store: this.options.store, projection: p, matches: (e) => matches(p, e), batchSize: this.options.batchSize ?? 1_000, stopped: () => r.stopped });
      if (at === undefined || r.stopped) return;
      this.copyFrom(scratch, p, at);
      r.position = at;
      this.release(r, at);
    } finally {
      removeScratch(scratch);
    }
  }

  private release(r: Running, at: Position): void {
    r.waiters = r.waiters.filter((w) => (comparePositions(at, w.position) >= 0 ? (w.resolve(), false) : true));
  }

  private async follow(r: Running): Promise<void> {
    const p = r.projection;
    const subscription = this.options.store.subscribeToAll({ fromPosition: r.position ?? 'start' });
    r.unsubscribe = () => subscription.unsubscribe();
    if (r.stopped) await subscription.unsubscribe();
    const save = this.db.prepare(
      `INSERT INTO projection_checkpoints (name, version, commit_position, prepare_position) VALUES (?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET version = excluded.version, commit_position = excluded.commit_position, prepare_position = excluded.prepare_position`,
    );
    const batcher = new Batcher(subscription[Symbol.asyncIterator](), this.options.batchSize ?? 1_000, 2);
    const apply = (events: RecordedEvent[]) => {
      if (p.applyBatch) p.applyBatch(this.db, events);
      else for (const e of events) p.apply(this.db, e);
    };
    try {
      while (!r.stopped && !batcher.finished) {
        const batch = await batcher.nextBatch();
        if (batch.length === 0) continue;
        const last = batch[batch.length - 1]!.position;
        this.db.transaction(() => {
          const matching = batch.filter((e) => matches(p, e));
          if (matching.length > 0) apply(matching);
          save.run(p.name, p.version, last.commit.toString(), last.prepare.toString());
        })();
        r.position = last;
        this.release(r, last);
      }
    } finally {
      await subscription.unsubscribe();
    }
  }

  private async halt(r: Running): Promise<void> {
    r.stopped = true;
    await r.unsubscribe?.();
    await r.loop;
  }
}
