import type { LocalizedText } from '@hope/contracts';
import { displayTerm as displayToken, queryTerms, textTerms as tokenize } from '../../language/text-terms';
import { B, idf, K1 } from '../text-index/bm25';
import { capacityFor, grown } from '../text-index/growable';
import { InvertedIndex } from '../text-index/inverted-index';
import { PostingPool } from '../text-index/posting-pool';
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

/**
 * Postings (of the rarest query terms) read to seed the threshold: their best `SEED_RESCORED` by
 * partial score are scored exactly, and the k-th best of those is a score the top-k must reach.
 */
export const SEED_POSTINGS = 50_000;
export const SEED_RESCORED = 200;
/** The non-essential terms' bounds add up to at most this share of the seed's floor (see `search`). */
export const REST_SHARE = 0.35;
/**
 * Relative slack on every bound compared with a score: the scores are float32 sums (one rounding per
 * term), the bounds doubles, so a bound is widened by far more than the rounding can move a score.
 */
const SLACK = 1 + 1e-4;
/**
 * Essential postings per slot from which the slots holding a partial score are found by one pass over the
 * score array rather than listed as they are first touched (see `search`).
 */
export const DENSE_ABOVE = 0.25;

/**
 * Impacts (the pruned query's postings): per posting ceil(IMPACT_SCALE × f / (f + K1 (1 - B) + K1 B length / a))
 * at an average length `a` at or above the index's, so never below what the posting adds to a score (BM25's
 * saturation grows with the average length) divided by its term's lift. A query multiplies them by integer
 * lifts (ceil(lift × its scale)) and sums them in int32: upper estimates of the partial scores, cheaper to add
 * than the BM25 quotient, used only to decide which resources are scored exactly (from the forward lists).
 */
const IMPACT_SCALE = 1023;
const LIFT_SCALE = 256;
/** The impacts are recomputed when the average length leaves [a / IMPACT_RANGE, a] (a: theirs), and set at IMPACT_MARGIN × the average. */
const IMPACT_MARGIN = 1.05;
const IMPACT_RANGE = 1.25;

/** How many candidates per result are scored first, best partials first (see `search`). */
const FIRST_SCORED = 4;

/** The pruned query's settings: same answers under any of them, only the work differs. */
export interface ResourceQueryTuning {
  seedPostings: number;
  seedRescored: number;
  restShare: number;
  denseAbove: number;
}

interface QueryTerm {
  readonly id: number;
  readonly idf: number;
  readonly df: number;
}

/**
 * A compact in-memory inverted index for BM25 over title, capabilities and description (decision
 * 0023), on the shared core (`InvertedIndex`, decision 0029): one slot per indexed version of a
 * resource, postings of (slot, weighted tf) and a forward list per slot, scores accumulated into one
 * reused Float32Array. A revision or a withdrawal retires the old slot (skipped when scoring); the core
 * compacts when retired slots outnumber live ones. Tokens come from the matching tokenizer (the
 * experts' analyzer). A term's df counts its postings, retired versions included, until a compaction
 * (as it did before the core: rankings unchanged).
 *
 * A query is exact and pruned (MaxScore, decision 0044): per term the index keeps the largest weighted
 * tf and the smallest length / tf of its postings, so a query knows the most each term can add to a
 * score. A seed (the rarest terms' best candidates, scored exactly) gives a floor the top-k must reach;
 * the terms whose bounds together stay below a share of it are non-essential: a resource holding none of
 * the other terms cannot reach the top-k, so only the essential terms' postings are read (highest bounds
 * first; once the bounds left cannot lift a resource to the floor, only resources that still can are
 * raised), and a resource among them is scored exactly (from its forward list, in the same order and
 * float32 arithmetic as scoring every posting) only while its partial score plus the non-essential bounds
 * can still reach the k-th best so far, the best partials first. The top-k is the one `searchExhaustive`
 * (every posting scored, the reference) gives, ties and scores included.
 *
 * The pruned query reads its own postings (decision 0049): per posting an integer impact, an upper estimate
 * of the posting's BM25 saturation (IMPACT_SCALE), summed in int32 with integer lifts. Its partial scores
 * are upper estimates, used only to choose what is scored exactly; the scores themselves never come from them.
 */
export class ResourceIndex {
  private core = new InvertedIndex(1);
  private scores: Float32Array = new Float32Array(1024);
  private touched: Int32Array = new Int32Array(1024);
  /** Postings of (slot, impact) per term (see IMPACT_SCALE), computed at `impactAvgdl`; 0: none yet. */
  private impacts = new PostingPool();
  private impactAvgdl = 0;
  /** The pruned query's partial scores in impact units (int32), zero between queries. */
  private partials: Int32Array = new Int32Array(1024);
  /** Per term: the largest value (weighted tf) of its postings, and the smallest length / value: its BM25 bound. */
  private maxTf: Int32Array = new Int32Array(1024);
  private minLengthPerTf: Float64Array = new Float64Array(1024).fill(Infinity);
  /** Per term id, 1 + the term's position in the current query (0: not in it); reset after each query. */
  private queryPosition: Int32Array = new Int32Array(1024);
  private contribution: Float64Array = new Float64Array(64);
  /** What the last query cost: postings read and resources scored exactly (the bench prints them; a test checks the pruning). */
  readonly lastQuery = { postings: 0, scored: 0 };

  /** The pruned query's settings (the bench tries others on the same index between queries). */
  readonly tuning: ResourceQueryTuning;

  constructor(tuning: Partial<ResourceQueryTuning> = {}) {
    this.tuning = { seedPostings: SEED_POSTINGS, seedRescored: SEED_RESCORED, restShare: REST_SHARE, denseAbove: DENSE_ABOVE, ...tuning };
  }

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
      this.partials = new Int32Array(this.scores.length);
    }
    this.bound(terms, values, this.core.fieldLengths[slot]!);
    if (this.core.compactionDue) {
      this.core.compact();
      this.rebound();
      this.impactAvgdl = 0;
    }
    if (!this.impactsFit()) this.reimpact();
    else this.addImpacts(slot);
  }

  /** The impacts are upper estimates at the current average length, and not too loose. */
  private impactsFit(): boolean {
    const avgdl = this.core.averageLength(0);
    return this.impactAvgdl >= avgdl && this.impactAvgdl <= avgdl * IMPACT_RANGE;
  }

  /** Every live slot's impacts again, at IMPACT_MARGIN × the current average length (amortised: the average must drift for this to run). */
  private reimpact(): void {
    this.impacts = new PostingPool();
    this.impactAvgdl = this.core.averageLength(0) * IMPACT_MARGIN;
    for (let slot = 0; slot < this.core.slotCount; slot++) if (this.core.liveSlots[slot] === 1) this.addImpacts(slot);
  }

  private addImpacts(slot: number): void {
    const { start, terms, values } = this.core.forwardLists;
    const k1b = K1 * (1 - B);
    const kb = (K1 * B) / this.impactAvgdl;
    const length = this.core.fieldLengths[slot]!;
    for (let j = start[slot]!, end = start[slot + 1]!; j < end; j++) {
      const f = values[j]!;
      // Rounded up, and up again by a hair against the rounding of the quotient itself.
      this.impacts.append(terms[j]!, slot, Math.min(IMPACT_SCALE, Math.ceil(((IMPACT_SCALE * f) / (f + k1b + kb * length)) * (1 + 1e-9))));
    }
  }

  remove(resourceId: string): void {
    this.core.remove(resourceId);
    if (this.core.size === 0) this.impactAvgdl = 0;
  }

  /** Widens the terms' bounds to cover one document (a retired one's stay: still bounds, only looser, until a compaction). */
  private bound(terms: Int32Array, values: Int32Array, length: number): void {
    if (this.core.termCount > this.maxTf.length) {
      const size = capacityFor(this.maxTf.length, this.core.termCount);
      this.maxTf = grown(this.maxTf, size);
      this.minLengthPerTf = grown(this.minLengthPerTf, size, Infinity);
      this.queryPosition = grown(this.queryPosition, size);
    }
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      const f = values[i]!;
      if (f > this.maxTf[t]!) this.maxTf[t] = f;
      if (length / f < this.minLengthPerTf[t]!) this.minLengthPerTf[t] = length / f;
    }
  }

  /** After a compaction: the bounds again over the live documents only. */
  private rebound(): void {
    this.maxTf.fill(0);
    this.minLengthPerTf.fill(Infinity);
    const { start, terms, values } = this.core.forwardLists;
    const lengths = this.core.fieldLengths;
    for (let slot = 0; slot < this.core.slotCount; slot++) {
      if (this.core.liveSlots[slot] === 0) continue;
      this.bound(terms.subarray(start[slot]!, start[slot + 1]!), values.subarray(start[slot]!, start[slot + 1]!), lengths[slot]!);
    }
  }

  /** The query's known terms with their idf, rarest first: the order every score sums its terms in. */
  private queryTerms(text: string): QueryTerm[] {
    const n = this.core.size;
    const terms: QueryTerm[] = [];
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

  /**
   * Accumulates the postings of `terms` into `scores`; returns how many slots were touched. Locals keep the
   * loop tight.
   */
  private accumulate(terms: readonly { id: number; idf: number }[], avgdl: number, touchedCount: number): number {
    const { scores, touched } = this;
    const alive = this.core.liveSlots;
    const allLive = this.core.size === this.core.slotCount;
    const lengths = this.core.fieldLengths;
    const k1b = K1 * (1 - B);
    const kb = (K1 * B) / avgdl;
    let n = touchedCount;
    for (const { id, idf } of terms) {
      const lift = idf * (K1 + 1);
      for (const { data, from, to } of this.core.postings(id)) {
        this.lastQuery.postings += (to - from) >> 1;
        n = allLive ? addRun(data, from, to, scores, touched, n, lengths, lift, k1b, kb) : addLiveRun(data, from, to, scores, touched, n, lengths, lift, k1b, kb, alive);
      }
    }
    return n;
  }

  /**
   * The `limit` best resources for a text by BM25 (ties by resource id), above the noise floor: exactly
   * `searchExhaustive`'s answer, reading only the postings that can change it (see the class).
   */
  search(text: string, limit: number): ResourceHit[] {
    this.lastQuery.postings = this.lastQuery.scored = 0;
    if (this.core.size === 0 || limit <= 0) return [];
    const avgdl = this.core.averageLength(0);
    const terms = this.queryTerms(text);
    let seedPostings = 0;
    let seed = 0;
    while (seed < terms.length && (seed === 0 || seedPostings + terms[seed]!.df <= this.tuning.seedPostings)) seedPostings += terms[seed++]!.df;
    if (seed === terms.length) return this.finish(this.accumulate(terms, avgdl, 0), limit);
    if (!this.impactsFit()) this.reimpact();

    const n = terms.length;
    const lift = new Float64Array(n);
    let liftSum = 0;
    for (let q = 0; q < n; q++) {
      lift[q] = terms[q]!.idf * (K1 + 1);
      liftSum += lift[q]!;
    }
    // Integer lifts: a partial (sum of impact × lift) never passes int32, so the scale shrinks for a very long query.
    const liftScale = Math.min(LIFT_SCALE, ((2 ** 31 - 1) / IMPACT_SCALE - n) / liftSum);
    if (!(liftScale > 0)) return this.finish(this.accumulate(terms, avgdl, 0), limit);
    const weight = new Int32Array(n);
    for (let q = 0; q < n; q++) {
      weight[q] = Math.ceil(lift[q]! * liftScale);
      this.queryPosition[terms[q]!.id] = q + 1;
    }
    /** A partial in impact units is at least `scale` × the resource's score over the same terms. */
    const scale = IMPACT_SCALE * liftScale;
    if (this.contribution.length < n) this.contribution = new Float64Array(capacityFor(this.contribution.length, n));
    const core = this.core;
    const top = new TopK(limit, (a, b) => core.idAt(a)! < core.idAt(b)!);
    const { partials, touched } = this;
    const alive = core.liveSlots;
    const allLive = core.size === core.slotCount;
    try {
      // The seed: the rarest terms' best candidates scored exactly; the k-th best of them is a floor for the top-k.
      let touchedCount = 0;
      for (let q = 0; q < seed; q++) {
        for (const { data, from, to } of this.impacts.blocks(terms[q]!.id)) {
          this.lastQuery.postings += (to - from) >> 1;
          touchedCount = allLive ? impactAdd(data, from, to, partials, touched, touchedCount, weight[q]!) : impactAddLive(data, from, to, partials, touched, touchedCount, weight[q]!, alive);
        }
      }
      const seedTouched = touchedCount;
      const seeded = bestPartials(touched, seedTouched, Math.max(limit, this.tuning.seedRescored), partials);
      const seedTop = new TopK(limit, () => false);
      for (const slot of seeded) seedTop.offer(slot, this.exactScore(slot, n, lift, avgdl, 0));
      const floor = seedTop.full ? seedTop.kthScore : 0;

      // Non-essential terms: the smallest bounds, together at most a share of the floor (and below it, with
      // slack for float32 rounding). A resource holding none of the others scores below the floor: never
      // in the top-k. The larger the share, the fewer postings read but the more resources scored exactly.
      // The seed's terms are read already: they stay essential (their partial scores are kept).
      const k1b = K1 * (1 - B);
      const kb = (K1 * B) / avgdl;
      const byBound = terms
        .map((t, q) => ({ t, q, bound: lift[q]! / (1 + k1b / this.maxTf[t.id]! + kb * this.minLengthPerTf[t.id]!) }))
        .filter((x) => x.q >= seed)
        .sort((a, b) => a.bound - b.bound);
      let rest = 0;
      let cut = 0;
      while (cut < byBound.length && (rest + byBound[cut]!.bound) * SLACK < floor * this.tuning.restShare) rest += byBound[cut++]!.bound;

      // When the essential postings are many for the slots (common words), the slots holding a partial score are
      // found by one pass over the partials in slot order afterwards instead of being listed as they are first
      // touched: no test per posting, and the pass reads them in memory order. Either way, the same slots.
      let essential = seedTouched;
      for (let e = cut; e < byBound.length; e++) essential += byBound[e]!.t.df;
      const dense = essential >= core.slotCount * this.tuning.denseAbove;

      // Add the other essential terms' impacts onto the seed's; a resource is scored exactly (from its forward
      // list) only while its partial (an upper estimate) and the non-essential bounds can reach the floor and the
      // k-th best so far. Highest bounds first: once the bounds left (with the non-essential ones) cannot lift a
      // resource from its partial to the floor, the rest of its postings are skipped (an untouched one is never added).
      let left = byBound.reduce((sum, x) => sum + x.bound, 0);
      for (let e = byBound.length - 1; e >= cut; e--) {
        const { t, q, bound } = byBound[e]!;
        const atLeast = (floor / SLACK - left) * scale;
        const w = weight[q]!;
        for (const { data, from, to } of this.impacts.blocks(t.id)) {
          this.lastQuery.postings += (to - from) >> 1;
          if (atLeast > 0) impactRaise(data, from, to, partials, w, atLeast);
          else if (!dense) touchedCount = allLive ? impactAdd(data, from, to, partials, touched, touchedCount, w) : impactAddLive(data, from, to, partials, touched, touchedCount, w, alive);
          else if (allLive) impactAddUntracked(data, from, to, partials, w);
          else impactAddLiveUntracked(data, from, to, partials, w, alive);
        }
        left -= bound;
      }
      let threshold = (floor / SLACK - rest) * scale;
      const candidate = (slot: number): void => {
        const partial = partials[slot]!;
        partials[slot] = 0;
        if (partial === 0 || partial < threshold) return;
        const score = this.exactScore(slot, n, lift, avgdl, top.full ? top.kthScore : floor);
        if (score >= 0) top.offer(slot, score);
        if (top.full && (top.kthScore / SLACK - rest) * scale > threshold) threshold = (top.kthScore / SLACK - rest) * scale;
      };
      // The candidates (partial at the floor's threshold or above) listed in `touched`; the others cleared.
      let candidates = 0;
      if (dense) {
        // In slot order (an untouched or retired slot is 0).
        for (let slot = 0, end = core.slotCount; slot < end; slot++) {
          const partial = partials[slot]!;
          if (partial === 0) continue;
          if (partial >= threshold) touched[candidates++] = slot;
          else partials[slot] = 0;
        }
      } else {
        for (let i = 0; i < touchedCount; i++) {
          const slot = touched[i]!;
          if (partials[slot]! >= threshold) touched[candidates++] = slot;
          else partials[slot] = 0;
        }
      }
      // The best candidates by partial first: the k-th best score rises at once, and most of the others then
      // fall below the threshold without being scored. Each is scored once (its partial is cleared).
      const first = bestPartials(touched, candidates, Math.min(candidates, FIRST_SCORED * limit), partials).sort((x, y) => partials[y]! - partials[x]! || x - y);
      for (const slot of first) candidate(slot);
      for (let i = 0; i < candidates; i++) candidate(touched[i]!);
      const { scores } = this;
      const best = top.entries();
      for (const [j, { slot, score }] of best.entries()) {
        touched[j] = slot;
        scores[slot] = score;
      }
      return this.finish(best.length, limit);
    } finally {
      for (const t of terms) this.queryPosition[t.id] = 0;
    }
  }

  /**
   * A slot's score over the query's terms (positions 1..n in `queryPosition`), summed in the query's
   * order with a float32 rounding after each term: bit for bit what `accumulate` leaves in `scores`.
   * -1 when the slot cannot reach `bar` (its unrounded sum, widened by the slack, stays below it).
   */
  private exactScore(slot: number, n: number, lift: Float64Array, avgdl: number, bar: number): number {
    const { start, terms, values } = this.core.forwardLists;
    const { queryPosition, contribution } = this;
    this.lastQuery.scored++;
    const k1b = K1 * (1 - B);
    const kb = (K1 * B) / avgdl;
    const length = this.core.fieldLengths[slot]!;
    let matched = 0;
    let sum = 0;
    for (let j = start[slot]!, end = start[slot + 1]!; j < end; j++) {
      const q = queryPosition[terms[j]!]!;
      if (q === 0) continue;
      const f = values[j]!;
      const c = (lift[q - 1]! * f) / (f + k1b + kb * length);
      contribution[q - 1] = c;
      sum += c;
      matched++;
    }
    const reaches = sum * SLACK >= bar;
    let score = 0;
    for (let q = 0; q < n && matched > 0; q++) {
      const c = contribution[q]!;
      if (c === 0) continue;
      contribution[q] = 0;
      matched--;
      if (reaches) score = Math.fround(score + c);
    }
    return reaches ? score : -1;
  }

  /** Every posting of every query term scored: exact, the reference `search` answers as (and is measured against). */
  searchExhaustive(text: string, limit: number): ResourceHit[] {
    this.lastQuery.postings = this.lastQuery.scored = 0;
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

/** One run of postings added onto the scores (a slot seen first is appended to `touched`); returns the touched count. */
function addRun(data: Int32Array, from: number, to: number, scores: Float32Array, touched: Int32Array, n: number, lengths: Float32Array, lift: number, k1b: number, kb: number): number {
  for (let i = from; i < to; i += 2) {
    const slot = data[i]!;
    const f = data[i + 1]!;
    const before = scores[slot]!;
    if (before === 0) touched[n++] = slot;
    scores[slot] = before + (lift * f) / (f + k1b + kb * lengths[slot]!);
  }
  return n;
}

/** One run of (slot, impact) postings added onto the partials, times the term's integer lift (a slot seen first is listed); returns the touched count. */
function impactAdd(data: Int32Array, from: number, to: number, partials: Int32Array, touched: Int32Array, n: number, weight: number): number {
  for (let i = from; i < to; i += 2) {
    const slot = data[i]!;
    const before = partials[slot]!;
    if (before === 0) touched[n++] = slot;
    partials[slot] = before + data[i + 1]! * weight;
  }
  return n;
}

/** `impactAdd` skipping retired slots. */
function impactAddLive(data: Int32Array, from: number, to: number, partials: Int32Array, touched: Int32Array, n: number, weight: number, alive: Uint8Array): number {
  for (let i = from; i < to; i += 2) {
    const slot = data[i]!;
    if (alive[slot] === 0) continue;
    const before = partials[slot]!;
    if (before === 0) touched[n++] = slot;
    partials[slot] = before + data[i + 1]! * weight;
  }
  return n;
}

/** `impactAdd` without listing the slots touched (the caller finds them in the partials). */
function impactAddUntracked(data: Int32Array, from: number, to: number, partials: Int32Array, weight: number): void {
  for (let i = from; i < to; i += 2) {
    const slot = data[i]!;
    partials[slot] = partials[slot]! + data[i + 1]! * weight;
  }
}

/** `impactAddUntracked` skipping retired slots. */
function impactAddLiveUntracked(data: Int32Array, from: number, to: number, partials: Int32Array, weight: number, alive: Uint8Array): void {
  for (let i = from; i < to; i += 2) {
    const slot = data[i]!;
    if (alive[slot] === 0) continue;
    partials[slot] = partials[slot]! + data[i + 1]! * weight;
  }
}

/** One run added onto the slots whose partial is `atLeast` or more only (a retired or untouched slot is 0: never raised). */
function impactRaise(data: Int32Array, from: number, to: number, partials: Int32Array, weight: number, atLeast: number): void {
  for (let i = from; i < to; i += 2) {
    const slot = data[i]!;
    const before = partials[slot]!;
    if (before < atLeast) continue;
    partials[slot] = before + data[i + 1]! * weight;
  }
}

/** The `limit` slots of `slots[0 .. count)` with the highest partial scores, ties to the lower slot (best first). */
const bestPartials = (slots: Int32Array, count: number, limit: number, scores: Int32Array): number[] => topSlots(slots, count, limit, scores, (a, b) => a < b);

/** `addRun` skipping retired slots. */
function addLiveRun(data: Int32Array, from: number, to: number, scores: Float32Array, touched: Int32Array, n: number, lengths: Float32Array, lift: number, k1b: number, kb: number, alive: Uint8Array): number {
  for (let i = from; i < to; i += 2) {
    const slot = data[i]!;
    if (alive[slot] === 0) continue;
    const f = data[i + 1]!;
    const before = scores[slot]!;
    if (before === 0) touched[n++] = slot;
    scores[slot] = before + (lift * f) / (f + k1b + kb * lengths[slot]!);
  }
  return n;
}

/** The best k (slot, score) pairs seen, ties by `before` (true when a comes first): a bounded min-heap, worst on top. */
class TopK {
  private readonly heapSlots: number[] = [];
  private readonly heapScores: number[] = [];

  constructor(
    private readonly k: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {}

  get full(): boolean {
    return this.heapSlots.length >= this.k;
  }

  /** The k-th best score (meaningful when full). */
  get kthScore(): number {
    return this.heapScores[0]!;
  }

  private worse(i: number, j: number): boolean {
    const a = this.heapScores[i]!;
    const b = this.heapScores[j]!;
    return a < b || (a === b && this.before(this.heapSlots[j]!, this.heapSlots[i]!));
  }

  private swap(i: number, j: number): void {
    [this.heapSlots[i], this.heapSlots[j]] = [this.heapSlots[j]!, this.heapSlots[i]!];
    [this.heapScores[i], this.heapScores[j]] = [this.heapScores[j]!, this.heapScores[i]!];
  }

  offer(slot: number, score: number): void {
    const { heapSlots, heapScores } = this;
    if (heapSlots.length < this.k) {
      heapSlots.push(slot);
      heapScores.push(score);
      for (let j = heapSlots.length - 1; j > 0; ) {
        const parent = (j - 1) >> 1;
        if (!this.worse(j, parent)) break;
        this.swap(j, parent);
        j = parent;
      }
      return;
    }
    if (this.k === 0) return;
    const top = heapScores[0]!;
    if (score < top || (score === top && !this.before(slot, heapSlots[0]!))) return;
    heapSlots[0] = slot;
    heapScores[0] = score;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapSlots.length && this.worse(l, m)) m = l;
      if (r < heapSlots.length && this.worse(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  entries(): { slot: number; score: number }[] {
    return this.heapSlots.map((slot, i) => ({ slot, score: this.heapScores[i]! }));
  }
}
