import type { LocalizedText } from '@hope/contracts';
import { displayTerm as displayToken, queryTerms, textTerms as tokenize } from '../../language/text-terms';

/** What the index reads of a resource: its text fields (the rest stays in the read model). */
export interface IndexedResource {
  readonly resourceId: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly capabilities: readonly string[];
}

/** Field weights of the BM25F-style term frequency: a title word says more than a description word. */
export const FIELD_WEIGHTS = { title: 3, capabilities: 2, description: 1 } as const;
export type ResourceField = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as ResourceField[];
const K1 = 1.2;
const B = 0.75;
/** A hit scoring below this share of the best hit is noise (one shared generic word), not a match. */
export const MIN_RELATIVE_SCORE = 0.2;

export interface ResourceHit {
  readonly resourceId: string;
  readonly score: number;
}

export interface ResourceExplanation {
  /** Query terms the resource contains, as a reader sees them. */
  readonly matchedTerms: string[];
  /** The same, per field they were found in. */
  readonly fields: Record<ResourceField, string[]>;
}

const textOf = (t: LocalizedText): string => [t.zh, t.en].filter((x) => x !== undefined && x !== '').join('\n');
const fieldText = (r: IndexedResource, f: ResourceField): string => (f === 'capabilities' ? r.capabilities.join('\n') : textOf(r[f]));

/** One term's postings: slots and weighted term frequencies, in growable typed arrays. */
class Postings {
  slots = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;

  add(slot: number, tf: number): void {
    if (this.length === this.slots.length) {
      this.slots = grownInt32(this.slots, this.length * 2);
      this.tfs = grownUint16(this.tfs, this.length * 2);
    }
    this.slots[this.length] = slot;
    this.tfs[this.length] = Math.min(tf, 65_535);
    this.length++;
  }
}

const grownInt32 = (a: Int32Array, size: number) => {
  const b = new Int32Array(size);
  b.set(a);
  return b;
};
const grownUint16 = (a: Uint16Array, size: number) => {
  const b = new Uint16Array(size);
  b.set(a);
  return b;
};

/** Postings read to find candidates before the rarer terms' candidates are rescored exactly. */
export const CANDIDATE_POSTINGS_BUDGET = 500_000;
/** Candidates (best by the rarer terms) rescored with every query term. */
export const RESCORED_CANDIDATES = 1_500;

/**
 * A compact in-memory inverted index for BM25 over title, capabilities and description (decision
 * 0023): one slot per indexed version of a resource, postings and a forward list of (term, tf) per
 * slot as typed arrays, scores accumulated into one reused Float32Array. A revision or a withdrawal
 * retires the old slot (skipped when scoring) instead of rewriting postings; `compactionDue` says when
 * retired slots are worth a rebuild. Tokens come from the matching tokenizer (the experts' analyzer).
 *
 * A query reads the postings of its rarest terms first, up to a budget, to find candidates, then
 * scores the best candidates exactly over all its terms from the forward lists: the cost no longer
 * grows with the postings of common words. `searchExhaustive` scores every posting (the reference).
 */
export class ResourceIndex {
  private readonly termIds = new Map<string, number>();
  private readonly postings: Postings[] = [];
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private lengths = new Float32Array(1024);
  private alive = new Uint8Array(1024);
  private scores = new Float32Array(1024);
  private touched = new Int32Array(1024);
  /** Forward lists: the terms of slot s are fwdTerms[fwdStart[s] .. fwdStart[s + 1]). */
  private fwdStart = new Int32Array(1025);
  private fwdTerms = new Int32Array(4096);
  private fwdTfs = new Uint16Array(4096);
  private queryIdf = new Float64Array(1024);
  private totalLength = 0;
  private liveCount = 0;

  constructor(private readonly tuning: { candidateBudget: number; rescored: number } = { candidateBudget: CANDIDATE_POSTINGS_BUDGET, rescored: RESCORED_CANDIDATES }) {}

  get size(): number {
    return this.liveCount;
  }

  /** More retired slots than live ones: a rebuild would halve the memory and the work per query. */
  get compactionDue(): boolean {
    return this.ids.length - this.liveCount > Math.max(10_000, this.liveCount);
  }

  upsert(r: IndexedResource): void {
    this.remove(r.resourceId);
    const slot = this.ids.length;
    this.grow(slot + 1);
    const tf = new Map<string, number>();
    let length = 0;
    for (const f of FIELDS) {
      const tokens = tokenize(fieldText(r, f));
      length += tokens.length * FIELD_WEIGHTS[f];
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + FIELD_WEIGHTS[f]);
    }
    let at = this.fwdStart[slot]!;
    if (at + tf.size > this.fwdTerms.length) {
      const size = Math.max(at + tf.size, this.fwdTerms.length * 2);
      this.fwdTerms = grownInt32(this.fwdTerms, size);
      this.fwdTfs = grownUint16(this.fwdTfs, size);
    }
    for (const [term, n] of tf) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.postings.length;
        this.termIds.set(term, id);
        this.postings.push(new Postings());
      }
      this.postings[id]!.add(slot, n);
      this.fwdTerms[at] = id;
      this.fwdTfs[at] = Math.min(n, 65_535);
      at++;
    }
    this.fwdStart[slot + 1] = at;
    this.ids.push(r.resourceId);
    this.slotOf.set(r.resourceId, slot);
    this.lengths[slot] = length;
    this.alive[slot] = 1;
    this.totalLength += length;
    this.liveCount++;
  }

  remove(resourceId: string): void {
    const slot = this.slotOf.get(resourceId);
    if (slot === undefined) return;
    this.alive[slot] = 0;
    this.totalLength -= this.lengths[slot]!;
    this.liveCount--;
    this.slotOf.delete(resourceId);
  }

  /** The query's known terms with their idf, rarest first. */
  private queryTerms(text: string): { id: number; idf: number; df: number }[] {
    const n = this.liveCount;
    const terms: { id: number; idf: number; df: number }[] = [];
    for (const term of queryTerms(text)) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const df = this.postings[id]!.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      if (idf > 0) terms.push({ id, idf, df });
    }
    return terms.sort((a, b) => a.df - b.df || a.id - b.id);
  }

  /** Accumulates the postings of `terms` into `scores`; returns how many slots were touched. Locals keep the loop tight. */
  private accumulate(terms: readonly { id: number; idf: number }[], avgdl: number, touchedCount: number): number {
    const { alive, scores, touched, lengths } = this;
    const k1b = K1 * (1 - B);
    const kb = (K1 * B) / avgdl;
    let n = touchedCount;
    for (const { id, idf } of terms) {
      const { slots, tfs, length } = this.postings[id]!;
      const lift = idf * (K1 + 1);
      for (let i = 0; i < length; i++) {
        const slot = slots[i]!;
        if (alive[slot] === 0) continue;
        const f = tfs[i]!;
        const before = scores[slot]!;
        if (before === 0) touched[n++] = slot;
        scores[slot] = before + (lift * f) / (f + k1b + kb * lengths[slot]!);
      }
    }
    return n;
  }

  /** The `limit` best resources for a text by BM25 (ties by resource id), above the noise floor. */
  search(text: string, limit: number): ResourceHit[] {
    if (this.liveCount === 0 || limit <= 0) return [];
    const avgdl = this.totalLength / this.liveCount || 1;
    const terms = this.queryTerms(text);
    // Candidates from the rarest terms, within the budget (at least the rarest term).
    let budget = 0;
    let rare = 0;
    while (rare < terms.length && (rare === 0 || budget + terms[rare]!.df <= this.tuning.candidateBudget)) budget += terms[rare++]!.df;
    if (rare === terms.length) return this.finish(this.accumulate(terms, avgdl, 0), limit);
    const touchedCount = this.accumulate(terms.slice(0, rare), avgdl, 0);
    const candidates = this.topSlots(touchedCount, this.tuning.rescored);
    for (let i = 0; i < touchedCount; i++) this.scores[this.touched[i]!] = 0;
    // Exact scores of the candidates over every query term, from their forward lists (idf by term id in a reused array).
    if (this.queryIdf.length < this.postings.length) this.queryIdf = new Float64Array(Math.max(this.postings.length, this.queryIdf.length * 2));
    const { queryIdf, fwdStart, fwdTerms, fwdTfs } = this;
    for (const t of terms) queryIdf[t.id] = t.idf;
    for (const [i, slot] of candidates.entries()) {
      let score = 0;
      const norm = K1 * (1 - B + (B * this.lengths[slot]!) / avgdl);
      for (let j = fwdStart[slot]!, end = fwdStart[slot + 1]!; j < end; j++) {
        const idf = queryIdf[fwdTerms[j]!]!;
        if (idf === 0) continue;
        const f = fwdTfs[j]!;
        score += (idf * (K1 + 1) * f) / (f + norm);
      }
      this.scores[slot] = score;
      this.touched[i] = slot;
    }
    for (const t of terms) queryIdf[t.id] = 0;
    return this.finish(candidates.length, limit);
  }

  /** Every posting of every query term scored: exact, and the reference `search` is measured against. */
  searchExhaustive(text: string, limit: number): ResourceHit[] {
    if (this.liveCount === 0 || limit <= 0) return [];
    return this.finish(this.accumulate(this.queryTerms(text), this.totalLength / this.liveCount || 1, 0), limit);
  }

  private finish(touchedCount: number, limit: number): ResourceHit[] {
    const top = this.topSlots(touchedCount, limit).map((s) => ({ resourceId: this.ids[s]!, score: Math.round(this.scores[s]! * 10_000) / 10_000 }));
    for (let i = 0; i < touchedCount; i++) this.scores[this.touched[i]!] = 0;
    const best = top[0]?.score ?? 0;
    return top.filter((h) => h.score >= best * MIN_RELATIVE_SCORE);
  }

  /** The query's terms found in each field of a resource: why it was matched. */
  static explain(r: IndexedResource, text: string): ResourceExplanation {
    const query = new Set(queryTerms(text));
    const fields = {} as Record<ResourceField, string[]>;
    const all = new Set<string>();
    for (const f of FIELDS) {
      const found = [...new Set(tokenize(fieldText(r, f)).filter((t) => query.has(t)).map(displayToken))];
      fields[f] = found;
      for (const t of found) all.add(t);
    }
    return { matchedTerms: [...all], fields };
  }

  /** The best `limit` of the touched slots, best first: a bounded min-heap (limit is small, touched may be 10^5 or more). */
  private topSlots(touchedCount: number, limit: number): number[] {
    const { scores, touched, ids } = this;
    const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && ids[a]! > ids[b]!);
    const heap: number[] = [];
    const down = (from: number) => {
      for (let i = from; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      if (heap.length < limit) {
        heap.push(slot);
        for (let j = heap.length - 1; j > 0; ) {
          const parent = (j - 1) >> 1;
          if (!worse(heap[j]!, heap[parent]!)) break;
          [heap[j], heap[parent]] = [heap[parent]!, heap[j]!];
          j = parent;
        }
      } else if (limit > 0 && worse(heap[0]!, slot)) {
        heap[0] = slot;
        down(0);
      }
    }
    return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  }

  private grow(needed: number): void {
    if (needed <= this.lengths.length) return;
    const size = Math.max(needed, this.lengths.length * 2);
    const lengths = new Float32Array(size);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.alive = alive;
    this.scores = new Float32Array(size);
    this.touched = new Int32Array(size);
    this.fwdStart = grownInt32(this.fwdStart, size + 1);
  }
}
