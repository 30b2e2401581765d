/**
 * An immutable table of values keyed by a string, in insertion order, whose updates cost O(√n)-ish
 * copies instead of O(n): the account fold applies thousands of events to one state, and copying its
 * lots, reservations and decided sources on every event made loading a 10,000-movement account
 * quadratic.
 *
 * Values live in fixed-size chunks; an update copies the chunk list and one chunk (path copying), so
 * every version stays valid and unchanged. The key -> position index is shared between versions and
 * only the latest version (the "tip") writes to it, in place; an older version that is updated again
 * (a branch, e.g. a decider folding its own proposed events) first rebuilds its own index. Reads
 * verify what the index says and, on an older version, fall back to a scan. From the outside it is a
 * plain persistent value: `set` never changes what an existing table answers.
 */
const CHUNK_BITS = 6;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

interface SharedIndex {
  readonly positions: Map<string, number>;
  /** The chunk list of the version allowed to write `positions`. */
  tip: readonly (readonly unknown[])[];
}

export class PersistentTable<T> implements Iterable<T> {
  private constructor(
    private readonly keyOf: (value: T) => string,
    private readonly chunks: readonly (readonly T[])[],
    readonly size: number,
    private readonly shared: SharedIndex,
  ) {}

  static empty<T>(keyOf: (value: T) => string): PersistentTable<T> {
    const chunks: readonly (readonly T[])[] = [];
    return new PersistentTable(keyOf, chunks, 0, { positions: new Map(), tip: chunks });
  }

  private at(i: number): T {
    return this.chunks[i >> CHUNK_BITS]![i & MASK]!;
  }

  private isTip(): boolean {
    return this.shared.tip === this.chunks;
  }

  private positionOf(key: string): number {
    const i = this.shared.positions.get(key);
    if (i !== undefined && i < this.size && this.keyOf(this.at(i)) === key) return i;
    if (this.isTip()) return -1;
    for (let j = 0; j < this.size; j++) if (this.keyOf(this.at(j)) === key) return j;
    return -1;
  }

  get(key: string): T | undefined {
    const i = this.positionOf(key);
    return i < 0 ? undefined : this.at(i);
  }

  has(key: string): boolean {
    return this.positionOf(key) >= 0;
  }

  /** Adds the value, or replaces the one with the same key (keeping its place). */
  set(value: T): PersistentTable<T> {
    const key = this.keyOf(value);
    const i = this.positionOf(key);
    const shared = this.isTip() ? this.shared : this.ownIndex();
    let chunks: (readonly T[])[];
    if (i >= 0) {
      chunks = [...this.chunks];
      const chunk = [...chunks[i >> CHUNK_BITS]!];
      chunk[i & MASK] = value;
      chunks[i >> CHUNK_BITS] = chunk;
    } else {
      const c = this.size >> CHUNK_BITS;
      chunks = [...this.chunks];
      chunks[c] = [...(chunks[c] ?? []), value];
      shared.positions.set(key, this.size);
    }
    shared.tip = chunks;
    return new PersistentTable(this.keyOf, chunks, i >= 0 ? this.size : this.size + 1, shared);
  }

  /** Replaces the value under `key` with `fn(value)` (nothing if absent). */
  update(key: string, fn: (value: T) => T): PersistentTable<T> {
    const v = this.get(key);
    return v === undefined ? this : this.set(fn(v));
  }

  private ownIndex(): SharedIndex {
    const positions = new Map<string, number>();
    for (let j = 0; j < this.size; j++) positions.set(this.keyOf(this.at(j)), j);
    return { positions, tip: this.chunks };
  }

  /**
   * The values of this version that `older` (a version this one was derived from by sets) does not
   * hold as the same object: the ones set since, in table order. Chunks shared with `older` are
   * skipped by identity, so the cost is the number of chunks plus the chunks written since.
   */
  changedSince(older: PersistentTable<T>): T[] {
    const out: T[] = [];
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const before = older.chunks[c];
      if (chunk === before) continue;
      for (let j = 0; j < chunk.length; j++) if (before === undefined || chunk[j] !== before[j]) out.push(chunk[j]!);
    }
    return out;
  }

  /**
   * A table with this one's key holding `values` (distinct keys) in that order: built in one pass, not by
   * sets. `positions`, if given, is each value's key to its index in `values` (the table takes it over).
   */
  withValues(values: readonly T[], positions?: Map<string, number>): PersistentTable<T> {
    const chunks: (readonly T[])[] = [];
    for (let i = 0; i < values.length; i += CHUNK) chunks.push(values.slice(i, i + CHUNK));
    let index = positions;
    if (!index) {
      index = new Map<string, number>();
      for (let i = 0; i < values.length; i++) index.set(this.keyOf(values[i]!), i);
    }
    return new PersistentTable(this.keyOf, chunks, values.length, { positions: index, tip: chunks });
  }

  values(): T[] {
    return this.chunks.flat() as T[];
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const chunk of this.chunks) yield* chunk;
  }
}
