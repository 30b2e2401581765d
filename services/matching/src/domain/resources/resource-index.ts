import type { LocalizedText } from '@hope/contracts';
import { displayTerm as displayToken, queryTerms, textTerms as tokenize } from '../../language/text-terms';
import { B, idf, K1 } from '../text-index/bm25';
import { capacityFor } from '../text-index/growable';
import { InvertedIndex } from '../text-index/inverted-index';
import { topSlots } from '../text-index/top-slots';

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

/** Postings read to find candidates before the rarer terms' candidates are rescored exactly. */
export const CANDIDATE_POSTINGS_BUDGET = 500_000;
/** Candidates (best by the rarer terms) rescored with every query term. */
export const RESCORED_CANDIDATES = 1_500;

/**
 * A compact in-memory inverted index for BM25 over title, capabilities and description (decision
 * 0023), on the shared core (`InvertedIndex`, decision 0029): one slot per indexed version of a
 * resource, postings of (slot, weighted tf) and a forward list per slot, scores accumulated into one
 * reused Float32Array. A revision or a withdrawal retires the old slot (skipped when scoring); the core
 * compacts when retired slots outnumber live ones. Tokens come from the matching tokenizer (the
 * experts' analyzer). A term's df counts its postings, retired versions included, until a compaction
 * (as it did before the core: rankings unchanged).
 *
 * A query reads the postings of its rarest terms first, up to a budget, to find candidates, then
 * scores the best candidates exactly over all its terms from the forward lists: the cost no longer
 * grows with the postings of common words. `searchExhaustive` scores every posting (the reference).
 */
export class ResourceIndex {
  private core = new InvertedIndex(1);
  private scores: Float32Array = new Float32Array(1024);
  private touched: Int32Array = new Int32Array(1024);
  private queryIdf: Float64Array = new Float64Array(1024);

  constructor(private readonly tuning: { candidateBudget: number; rescored: number } = { candidateBudget: CANDIDATE_POSTINGS_BUDGET, rescored: RESCORED_CANDIDATES }) {}

  get size(): number {
    return this.core.size;
  }

  upsert(r: IndexedResource): void {
    this.remove(r.resourceId);
    const tf = new Map<string, number>();
    let length = 0;
    for (const f of FIELDS) {
      const tokens = tokenize(fieldText(r, f));
      length += tokens.length * FIELD_WEIGHTS[f];
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + FIELD_WEIGHTS[f]);
    }
    const terms = new Int32Array(tf.size);
    const values = new Int32Array(tf.size);
    let i = 0;
    for (const [term, n] of tf) {
      terms[i] = this.core.intern(term);
      values[i++] = Math.min(n, 65_535);
    }
    const slot = this.core.add(r.resourceId, terms, values, [length]);
    if (slot >= this.scores.length) {
      this.scores = new Float32Array(capacityFor(this.scores.length, slot + 1));
      this.touched = new Int32Array(this.scores.length);
    }
    if (this.core.compactionDue) this.core.compact();
  }

  remove(resourceId: string): void {
    this.core.remove(resourceId);
  }

  /** The query's known terms with their idf, rarest first. */
  private queryTerms(text: string): { id: number; idf: number; df: number }[] {
    const n = this.core.size;
    const terms: { id: number; idf: number; df: number }[] = [];
    for (const term of queryTerms(text)) {
      const id = this.core.termId(term);
      if (id === undefined) continue;
      const df = this.core.postingCount(id);
      if (df === 0) continue;
      const weight = idf(n, df);
      if (weight > 0) terms.push({ id, idf: weight, df });
    }
    return terms.sort((a, b) => a.df - b.df || a.id - b.id);
  }

  /** Accumulates the postings of `terms` into `scores`; returns how many slots were touched. Locals keep the loop tight. */
  private accumulate(terms: readonly { id: number; idf: number }[], avgdl: number, touchedCount: number): number {
    const { scores, touched } = this;
    const alive = this.core.liveSlots;
    const lengths = this.core.fieldLengths;
    const k1b = K1 * (1 - B);
    const kb = (K1 * B) / avgdl;
    let n = touchedCount;
    for (const { id, idf } of terms) {
      const lift = idf * (K1 + 1);
      for (const { data, from, to } of this.core.postings(id)) {
        for (let i = from; i < to; i += 2) {
          const slot = data[i]!;
          if (alive[slot] === 0) continue;
          const f = data[i + 1]!;
          const before = scores[slot]!;
          if (before === 0) touched[n++] = slot;
          scores[slot] = before + (lift * f) / (f + k1b + kb * lengths[slot]!);
        }
      }
    }
    return n;
  }

  /** The `limit` best resources for a text by BM25 (ties by resource id), above the noise floor. */
  search(text: string, limit: number): ResourceHit[] {
    if (this.core.size === 0 || limit <= 0) return [];
    const avgdl = this.core.averageLength(0);
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
    if (this.queryIdf.length < this.core.termCount) this.queryIdf = new Float64Array(capacityFor(this.queryIdf.length, this.core.termCount));
    const { queryIdf } = this;
    const lengths = this.core.fieldLengths;
    for (const t of terms) queryIdf[t.id] = t.idf;
    for (const [i, slot] of candidates.entries()) {
      let score = 0;
      const norm = K1 * (1 - B + (B * lengths[slot]!) / avgdl);
      const fwd = this.core.forward(slot);
      for (let j = fwd.from; j < fwd.to; j++) {
        const weight = queryIdf[fwd.terms[j]!]!;
        if (weight === 0) continue;
        const f = fwd.values[j]!;
        score += (weight * (K1 + 1) * f) / (f + norm);
      }
      this.scores[slot] = score;
      this.touched[i] = slot;
    }
    for (const t of terms) queryIdf[t.id] = 0;
    return this.finish(candidates.length, limit);
  }

  /** Every posting of every query term scored: exact, and the reference `search` is measured against. */
  searchExhaustive(text: string, limit: number): ResourceHit[] {
    if (this.core.size === 0 || limit <= 0) return [];
    return this.finish(this.accumulate(this.queryTerms(text), this.core.averageLength(0), 0), limit);
  }

  private finish(touchedCount: number, limit: number): ResourceHit[] {
    const top = this.topSlots(touchedCount, limit).map((s) => ({ resourceId: this.core.idAt(s)!, score: Math.round(this.scores[s]! * 10_000) / 10_000 }));
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

  /** The best `limit` of the touched slots, best first (ties by resource id). */
  private topSlots(touchedCount: number, limit: number): number[] {
    const core = this.core;
    return topSlots(this.touched, touchedCount, limit, this.scores, (a, b) => core.idAt(a)! < core.idAt(b)!);
  }
}
