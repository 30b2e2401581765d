import { capacityFor, grown } from './growable';
import { PostingPool, type PostingBlock, type PostingPoolState } from './posting-pool';
import { ITEMS_PER_STEP, runSteps, type Steps } from './steps';
import { TermDictionary, type TermDictionaryState } from './term-dictionary';

/** Everything an index holds, as arrays and plain values: what a snapshot writes and reads back. */
export interface InvertedIndexState {
  readonly fieldCount: number;
  readonly dictionary: TermDictionaryState;
  readonly pool: PostingPoolState;
  readonly df: Int32Array;
  readonly ids: readonly (string | null)[];
  readonly lengths: Float32Array;
  readonly fwdStart: Int32Array;
  readonly fwdTerms: Int32Array;
  readonly fwdValues: Int32Array;
  readonly totals: Float64Array;
}

/**
 * The one compact inverted-index core under matching's text indexes (experts' BM25F ranking, resources'
 * BM25, expert search). Terms are interned to ints (a `TermDictionary`: no string per term); postings of (slot, value) live in a `PostingPool`;
 * each document is a slot with its field lengths and a forward list of (term, value) in two flat arrays.
 * What a value means is the owner's: packed per-field frequencies, a weighted term frequency, or nothing.
 * Slots only grow: a new version of a document takes a new slot and the old one is retired (skipped by
 * the searches, its postings left in place), so every list stays sorted by slot and nothing is moved;
 * `compact` renumbers the live slots and rebuilds the postings from the forward lists when retired
 * slots outnumber live ones. No per-document object: a 200k-profile index is a few dozen arrays.
 */
export class InvertedIndex {
  private dictionary = new TermDictionary();
  private pool = new PostingPool();
  /** Per term, the live documents holding it. */
  private df: Int32Array = new Int32Array(0);
  private ids: (string | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private live: Uint8Array = new Uint8Array(1024);
  private lengths: Float32Array;
  private fwdStart: Int32Array = new Int32Array(1025);
  private fwdTerms: Int32Array = new Int32Array(4096);
  private fwdValues: Int32Array = new Int32Array(4096);
  private totals: Float64Array;
  private liveCount = 0;

  constructor(readonly fieldCount: number) {
    this.lengths = new Float32Array(1024 * fieldCount);
    this.totals = new Float64Array(fieldCount);
  }

  static from(s: InvertedIndexState): InvertedIndex {
    return runSteps(InvertedIndex.restoring(s));
  }

  /** `from` in steps: the dictionary's table and the slots' map are rebuilt a bounded number of items at a time. */
  static *restoring(s: InvertedIndexState): Steps<InvertedIndex> {
    const index = new InvertedIndex(s.fieldCount);
    index.dictionary = yield* TermDictionary.restoring(s.dictionary);
    index.pool = PostingPool.from(s.pool);
    index.df = s.df;
    index.ids = [...s.ids];
    index.live = new Uint8Array(Math.max(1024, index.ids.length));
    for (let slot = 0; slot < index.ids.length; slot++) {
      const id = index.ids[slot];
      if (id !== null && id !== undefined) {
        index.slotOf.set(id, slot);
        index.live[slot] = 1;
        index.liveCount++;
      }
      if (slot % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    }
    index.lengths = grown(s.lengths, index.live.length * s.fieldCount);
    index.fwdStart = grown(s.fwdStart, index.live.length + 1);
    index.fwdTerms = s.fwdTerms;
    index.fwdValues = s.fwdValues;
    index.totals = s.totals;
    return index;
  }

  state(): InvertedIndexState {
    const slots = this.ids.length;
    const used = this.fwdStart[slots]!;
    return {
      fieldCount: this.fieldCount,
      dictionary: this.dictionary.state(),
      pool: this.pool.state(),
      df: this.df.subarray(0, this.dictionary.size),
      ids: this.ids,
      lengths: this.lengths.subarray(0, slots * this.fieldCount),
      fwdStart: this.fwdStart.subarray(0, slots + 1),
      fwdTerms: this.fwdTerms.subarray(0, used),
      fwdValues: this.fwdValues.subarray(0, used),
      totals: this.totals,
    };
  }

  /** Live documents. */
  get size(): number {
    return this.liveCount;
  }

  /** One more than the highest slot (live or retired): per-slot work arrays are this long. */
  get slotCount(): number {
    return this.ids.length;
  }

  /** Terms in the dictionary (ids are 0 .. termCount - 1). */
  get termCount(): number {
    return this.dictionary.size;
  }

  termId(term: string): number | undefined {
    return this.dictionary.id(term);
  }

  /** The term's id, given one if new. */
  intern(term: string): number {
    return this.dictionary.intern(term);
  }

  /** The term of an id (a new string each call). */
  term(id: number): string {
    return this.dictionary.term(id);
  }

  slot(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  idAt(slot: number): string | undefined {
    return this.ids[slot] ?? undefined;
  }

  /** 1 per live slot, 0 per retired one: what the searches read per posting. */
  get liveSlots(): Uint8Array {
    return this.live;
  }

  /** Per slot, the length of each field (slot * fieldCount + field). */
  get fieldLengths(): Float32Array {
    return this.lengths;
  }

  /** Average length of a field over the live documents (1 when there are none). */
  averageLength(field: number): number {
    return this.liveCount === 0 ? 1 : this.totals[field]! / this.liveCount || 1;
  }

  /** Live documents holding the term. */
  documentFrequency(term: number): number {
    return term < this.df.length ? this.df[term]! : 0;
  }

  /** Postings of the term, retired slots included (what a list costs to read). */
  postingCount(term: number): number {
    return this.pool.count(term);
  }

  postings(term: number): PostingBlock[] {
    return this.pool.blocks(term);
  }

  /**
   * Indexes a document (its id must not be live: `remove` first) under a new slot: its terms (distinct
   * ids) with a value each, and its field lengths. Returns the slot.
   */
  add(id: string, terms: ArrayLike<number>, values: ArrayLike<number>, lengths: ArrayLike<number>): number {
    const slot = this.ids.length;
    if (slot + 1 > this.live.length) {
      const size = capacityFor(this.live.length, slot + 1);
      this.live = grown(this.live, size);
      this.lengths = grown(this.lengths, size * this.fieldCount);
      this.fwdStart = grown(this.fwdStart, size + 1);
    }
    let at = this.fwdStart[slot]!;
    if (at + terms.length > this.fwdTerms.length) {
      const size = capacityFor(this.fwdTerms.length, at + terms.length);
      this.fwdTerms = grown(this.fwdTerms, size);
      this.fwdValues = grown(this.fwdValues, size);
    }
    if (this.dictionary.size > this.df.length) this.df = grown(this.df, capacityFor(this.df.length, this.dictionary.size));
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      this.pool.append(t, slot, values[i]!);
      this.df[t]!++;
      this.fwdTerms[at] = t;
      this.fwdValues[at++] = values[i]!;
    }
    this.fwdStart[slot + 1] = at;
    for (let f = 0; f < this.fieldCount; f++) {
      this.lengths[slot * this.fieldCount + f] = lengths[f]!;
      this.totals[f]! += this.lengths[slot * this.fieldCount + f]!;
    }
    this.ids.push(id);
    this.slotOf.set(id, slot);
    this.live[slot] = 1;
    this.liveCount++;
    return slot;
  }

  /** Retires the document's slot (its postings stay, skipped); returns the slot, or undefined if it was not indexed. */
  remove(id: string): number | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    this.slotOf.delete(id);
    this.ids[slot] = null;
    this.live[slot] = 0;
    this.liveCount--;
    for (let f = 0; f < this.fieldCount; f++) this.totals[f]! -= this.lengths[slot * this.fieldCount + f]!;
    for (let j = this.fwdStart[slot]!, end = this.fwdStart[slot + 1]!; j < end; j++) this.df[this.fwdTerms[j]!]!--;
    return slot;
  }

  /** The slot's forward list: its terms in fwdTerms[from .. to), values beside them in fwdValues. */
  forward(slot: number): { terms: Int32Array; values: Int32Array; from: number; to: number } {
    return { terms: this.fwdTerms, values: this.fwdValues, from: this.fwdStart[slot]!, to: this.fwdStart[slot + 1]! };
  }

  /** Every forward list at once, for hot loops: slot s's terms are terms[start[s] .. start[s + 1]), values beside them (valid until the next add). */
  get forwardLists(): { start: Int32Array; terms: Int32Array; values: Int32Array } {
    return { start: this.fwdStart, terms: this.fwdTerms, values: this.fwdValues };
  }

  /** The value of a term in one document (0 if absent). */
  value(slot: number, term: number): number {
    for (let j = this.fwdStart[slot]!, end = this.fwdStart[slot + 1]!; j < end; j++) if (this.fwdTerms[j] === term) return this.fwdValues[j]!;
    return 0;
  }

  /** Retired slots outnumber live ones (and are many): `compact` would halve the memory and the work per query. */
  get compactionDue(): boolean {
    return this.ids.length - this.liveCount > Math.max(10_000, this.liveCount);
  }

  /**
   * Renumbers the live slots in their order and rebuilds the postings from the forward lists (no text
   * is analysed again). Returns the new slot of each old one (-1: retired), for the owner's per-slot data.
   */
  compact(): Int32Array {
    const old = this.state();
    const renumbered = new Int32Array(old.ids.length).fill(-1);
    const fresh = new InvertedIndex(this.fieldCount);
    fresh.dictionary = this.dictionary;
    for (let slot = 0; slot < old.ids.length; slot++) {
      const id = old.ids[slot];
      if (id === null || id === undefined) continue;
      const from = old.fwdStart[slot]!;
      const to = old.fwdStart[slot + 1]!;
      renumbered[slot] = fresh.add(id, old.fwdTerms.subarray(from, to), old.fwdValues.subarray(from, to), old.lengths.subarray(slot * this.fieldCount, (slot + 1) * this.fieldCount));
    }
    Object.assign(this, { pool: fresh.pool, df: fresh.df, ids: fresh.ids, live: fresh.live, lengths: fresh.lengths, fwdStart: fresh.fwdStart, fwdTerms: fresh.fwdTerms, fwdValues: fresh.fwdValues, totals: fresh.totals, liveCount: fresh.liveCount });
    this.slotOf.clear();
    for (const [id, slot] of fresh.slotOf) this.slotOf.set(id, slot);
    return renumbered;
  }
}
