/**
 * The search: which experts get scored, and in what order. Exact top-k over the inverted index's
 * postings with per-expert upper bounds (MaxScore pruning), or every profile (the oracle). What a match
 * is worth is the scoring policy's (scoring.ts).
 */
import { DOMAIN_KEY, SKILL_BITS, SKILL_KEY, type ExpertIndex, type IndexedExpert } from './expert-index';
import {
  bayesianRating,
  bm25Of,
  evaluate,
  exclusion,
  FACTORS,
  prepare,
  recency,
  round,
  staticContribution,
  termScore,
  WEIGHTS,
  type Evaluated,
  type Factor,
  type FactorExplanation,
  type MatchQuery,
  type Prepared,
  type Ranking,
} from './scoring';
import { TopK } from './top-k';
import { displayToken } from './tokenize';

/** Scores are sums of rounded parts: bounds get this slack so rounding can never make pruning skip a winner. */
const EPS = 0.001;

/** The best BM25 among experts no hard filter removes (the text factor's denominator). */
function maxBm25Of(p: Prepared, index: ExpertIndex, docs: Iterable<IndexedExpert>): number {
  let best = 0;
  for (const doc of docs) {
    if (exclusion(doc, p.q, p.policy)) continue;
    const bm = bm25Of(p, doc);
    if (bm > best) best = bm;
  }
  return best;
}

/** The skills factor's value, as `evaluate` computes it, without building the explanation. */
function skillsValue(p: Prepared, doc: IndexedExpert): number {
  let sum = 0;
  for (const s of doc.skills) {
    if (s.byConcept ? s.keys.some((k) => p.querySet.has(k)) : s.keys.every((k) => p.querySet.has(k))) sum += 0.6 * round(recency(s.lastPractised, p.q.now));
  }
  return Math.min(1, sum);
}

/**
 * At least the skills factor's value, from the skills of the expert a query key reached (`mask`: bit i
 * for skill i, the last bit for every skill from SKILL_BITS - 1 on, counted at the latest year among
 * them): exact for glossary skills (one key is enough), an upper bound for the others (all their words
 * must match). Reads the index's flat arrays: the expert's object would cost a cache miss or three.
 */
function skillsBound(years: Float64Array, tail: Uint8Array, slot: number, mask: number, year: number): number {
  let sum = 0;
  const base = slot * SKILL_BITS;
  for (let rest = mask; rest !== 0; rest &= rest - 1) {
    const i = 31 - Math.clz32(rest & -rest);
    // recency(), with the year read once per query.
    const value = 0.6 * round(Math.max(0.1, Math.min(1, 1 - (year - years[base + i]!) / 10)));
    sum += i === SKILL_BITS - 1 ? value * tail[slot]! : value;
  }
  return Math.min(1, sum);
}

/** Upper bounds are sorted into this many buckets (a counting sort over [0, BUCKET_TOP)): candidates are then scored best bound first. */
const BUCKETS = 2048;
const BUCKET_TOP = 1.05;
const bucketOf = (bound: number): number => Math.min(BUCKETS - 1, Math.max(0, Math.floor((bound / BUCKET_TOP) * BUCKETS)));

/** Per-slot work arrays of a query, kept with the index between queries (cleared for the slots a query touched) to spare the allocation. */
interface Scratch {
  bm25: Float64Array;
  /** Which of the expert's skills a query key reached (bit i: skill i), see `PostingList`. */
  skills: Uint8Array;
  /** 1 reached by a query key, 2 a domain key of theirs matched. */
  hits: Uint8Array;
  reached: Int32Array;
  /** Per reached expert (by position in `reached`): their bound, and the bucket order. */
  bounds: Float64Array;
  order: Int32Array;
}
const scratches = new WeakMap<ExpertIndex, Scratch>();

function scratchFor(index: ExpertIndex): Scratch {
  const n = index.slotCount;
  let s = scratches.get(index);
  if (!s || s.hits.length < n) {
    const size = Math.max(1024, n + (n >> 2));
    s = { bm25: new Float64Array(size), skills: new Uint8Array(size), hits: new Uint8Array(size), reached: new Int32Array(size), bounds: new Float64Array(size), order: new Int32Array(size) };
    scratches.set(index, s);
  }
  return s;
}

/**
 * Exact top N over the postings, without scoring every profile. One pass over the query terms'
 * posting lists (typed arrays of dense expert numbers) accumulates, per expert reached, the BM25 sum,
 * in query-token order like `bm25Of`, so to the bit, which of their skills a key reached and whether a
 * domain key of theirs matched. Nobody else can be relevant (no text, skill or domain match; experts
 * with a key-less skill, which matches anything, are added). The text factor's denominator is then the
 * best sum among the unfiltered; each candidate gets an upper bound (exact text and domain, the skills
 * their reached keys allow, their own query-independent factors, cached in the index), and candidates
 * are scored in falling bound order (a counting sort into buckets) until the bound falls below the
 * running top N's threshold (`TopK`, exact under diversity). A candidate reached is checked once more
 * with its exact skills before the full evaluation, which builds the explanation.
 */
function searchPostings(p: Prepared, index: ExpertIndex, top: TopK<Evaluated>, excluded: Evaluated[]): void {
  const { bm25, skills, hits, reached, bounds, order } = scratchFor(index);
  let count = 0;
  try {
    const lengths = index.documentLengths;
    const { avgdl } = p;
    for (let i = 0; i < p.tokens.length; i++) {
      const list = index.posting(p.tokens[i]!);
      if (!list) continue;
      const idf = p.idf[i]!;
      const domainMask = p.domainKeys.includes(p.tokens[i]!) ? DOMAIN_KEY : 0;
      const { slots, tf, marks, size } = list;
      for (let j = 0; j < size; j++) {
        const slot = slots[j]!;
        const f = tf[j]!;
        if (f !== 0) bm25[slot]! += termScore(idf, f, lengths[slot]!, avgdl);
        const h = hits[slot]!;
        if (h === 0) reached[count++] = slot;
        const m = marks[j]!;
        hits[slot] = h | 1 | (m & domainMask);
        if (m & SKILL_KEY) skills[slot]! |= m >>> 2;
      }
    }
    for (const slot of index.alwaysCandidates) {
      if (hits[slot] === 0) reached[count++] = slot;
      hits[slot]! |= 1;
      skills[slot] = 0xff;
    }

    // The text factor's denominator: the best BM25 among the unfiltered (experts reached by no term have none).
    let maxBm25 = 0;
    for (let k = 0; k < count; k++) {
      const slot = reached[k]!;
      if (bm25[slot]! > maxBm25 && !exclusion(index.at(slot)!, p.q, p.policy)) maxBm25 = bm25[slot]!;
    }

    const statics = index.staticScores;
    const perBucket = new Int32Array(BUCKETS + 1);
    const year = p.q.now.getUTCFullYear();
    const years = index.skillYearsBySlot;
    const tail = index.skillTailBySlot;
    for (let k = 0; k < count; k++) {
      const slot = reached[k]!;
      let fixed = statics[slot]!;
      if (Number.isNaN(fixed)) {
        const doc = index.at(slot)!;
        statics[slot] = fixed = staticContribution(doc, index.trackRecord(doc.expertId));
      }
      const bm = bm25[slot]!;
      const text = maxBm25 > 0 ? Math.min(1, bm / maxBm25) : bm > 0 ? 1 : 0;
      const skillMask = skills[slot]!;
      const bound = text * WEIGHTS.text + (skillMask ? skillsBound(years, tail, slot, skillMask, year) * WEIGHTS.skills : 0) + (hits[slot]! & DOMAIN_KEY ? WEIGHTS.domain : 0) + fixed;
      bounds[k] = bound;
      perBucket[bucketOf(bound)]!++;
    }
    // Counting sort by bucket, best bucket first: perBucket[b] becomes the number of candidates in buckets b and above.
    for (let b = BUCKETS - 1; b >= 0; b--) perBucket[b]! += perBucket[b + 1]!;
    const next = perBucket.slice(1);
    for (let k = 0; k < count; k++) order[next[bucketOf(bounds[k]!)]!++] = k;
    // Bucket b holds order[perBucket[b + 1] .. perBucket[b]); every bound in it is below its upper edge (but the top one's).
    for (let b = BUCKETS - 1; b >= 0; b--) {
      if (b < BUCKETS - 1 && ((b + 1) / BUCKETS) * BUCKET_TOP + EPS < top.threshold) break;
      for (let o = perBucket[b + 1]!; o < perBucket[b]!; o++) {
        const k = order[o]!;
        if (bounds[k]! + EPS < top.threshold) continue;
        const slot = reached[k]!;
        const doc = index.at(slot)!;
        const skillMask = skills[slot]!;
        if (skillMask && bounds[k]! - (skillsBound(years, tail, slot, skillMask, year) - skillsValue(p, doc)) * WEIGHTS.skills + EPS < top.threshold) continue;
        const ev = evaluate(p, index, doc, maxBm25);
        if (!ev) continue;
        if (ev.reason) excluded.push(ev);
        else top.offer(ev);
      }
    }
  } finally {
    for (let k = 0; k < count; k++) {
      const slot = reached[k]!;
      bm25[slot] = 0;
      skills[slot] = 0;
      hits[slot] = 0;
    }
  }
}

/**
 * `candidates`: 'postings' (default) searches the inverted index with MaxScore pruning; 'every-profile'
 * scores every expert (the bench's naive baseline and the tests' oracle: both give the same result).
 */
export function rankExperts(index: ExpertIndex, q: MatchQuery, candidates: 'postings' | 'every-profile' = 'postings'): Ranking {
  const p = prepare(index, q);
  const top = new TopK<Evaluated>(q.limit, q.maxPerOrganisation ?? Math.max(1, Math.ceil(q.limit / 3)));
  const excluded: Evaluated[] = [];
  if (candidates === 'postings') {
    searchPostings(p, index, top, excluded);
  } else {
    const maxBm25 = maxBm25Of(p, index, index.all());
    for (const doc of index.all()) {
      const ev = evaluate(p, index, doc, maxBm25);
      if (!ev) continue;
      if (ev.reason) excluded.push(ev);
      else top.offer(ev);
    }
  }
  const picked = top.result();
  return {
    matches: picked.map((r, i) => ({
      expertId: r.expertId,
      rank: i + 1,
      score: r.score,
      explanation: {
        matchedTerms: [...new Set(r.matchedTerms.map(displayToken))],
        matchedSkills: r.skills,
        matchedDomains: r.domains,
        factors: Object.fromEntries(FACTORS.map((f) => [f, { value: round(r.values[f]), weight: WEIGHTS[f], contribution: round(r.values[f] * WEIGHTS[f]) }])) as Record<Factor, FactorExplanation>,
        trackRecord: r.record,
        rating: { count: r.record.rated, ...(r.record.rated > 0 ? { mean: round(r.record.ratingSum / r.record.rated) } : {}), bayesian: round(bayesianRating(r.record)) },
      },
    })),
    excluded: excluded
      .filter((x) => x.score >= top.threshold)
      .map((x) => ({ expertId: x.expertId, reason: x.reason! }))
      .sort((a, b) => (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0)),
  };
}
