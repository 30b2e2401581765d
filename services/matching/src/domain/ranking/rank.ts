import { conflictsWith, NO_POLICY, termsSatisfied, termsStatus, type CompliancePolicy, type ConflictCode } from '../compliance/compliance';
import type { Tier } from '../expert/expert.events';
import type { ExpertIndex, IndexedExpert, TrackRecord } from './expert-index';
import { DOMAIN_KEY, keysOf, SKILL_BITS, SKILL_KEY } from './expert-index';
import { TopK, type Contender } from './top-k';
import { displayToken, tokenize } from './tokenize';

export { diversify } from './top-k';

export const CONFIDENTIALITY = ['public', 'restricted', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/** Who may see a demand of each confidentiality: restricted ones go to core users and up, confidential ones to certified partners. */
const MIN_TIER: Record<Confidentiality, Tier> = { public: 'interest', restricted: 'core', confidential: 'certified' };
const TIER_RANK: Record<Tier, number> = { interest: 0, core: 1, certified: 2 };

/** Weights of the factors; they sum to 1 so a score reads as a fraction of a perfect match. */
export const WEIGHTS = { text: 0.32, skills: 0.23, domain: 0.12, tier: 0.08, trackRecord: 0.08, rating: 0.05, responsiveness: 0.07, availability: 0.05 } as const;
type Factor = keyof typeof WEIGHTS;
const FACTORS = Object.keys(WEIGHTS) as Factor[];

const K1 = 1.2;
const B = 0.75;

export interface MatchQuery {
  /** Demand title/description, in any mix of Chinese and English. */
  readonly text: string;
  readonly keywords?: readonly string[];
  readonly domain?: string;
  /** The demand owner's organisation: its own people, people restricted from it or cooling off after leaving it are excluded. */
  readonly ownerOrganisationId?: string;
  /** Terms in force and listed companies; default none (no terms filter, no cooling-off). */
  readonly policy?: CompliancePolicy;
  readonly confidentiality?: Confidentiality;
  readonly limit: number;
  /** At most this many results from one organisation while others are left (default: a third of the limit, at least 1). */
  readonly maxPerOrganisation?: number;
  readonly now: Date;
}

export interface FactorExplanation {
  /** The factor's own value in [0, 1]. */
  readonly value: number;
  readonly weight: number;
  /** value * weight: what it added to the score. */
  readonly contribution: number;
}

export interface Match {
  readonly expertId: string;
  readonly rank: number;
  readonly score: number;
  readonly explanation: {
    readonly matchedTerms: readonly string[];
    readonly matchedSkills: readonly { name: string; lastPractised: number; recency: number }[];
    readonly matchedDomains: readonly string[];
    readonly factors: Readonly<Record<Factor, FactorExplanation>>;
    /** The funnel counts and ratings behind the track record, rating and responsiveness factors. */
    readonly trackRecord: TrackRecord;
    /** The ratings in stars: their plain mean (absent when unrated) and the Bayesian average the rating factor uses. */
    readonly rating: { readonly count: number; readonly mean?: number; readonly bayesian: number };
  };
}

export type ExclusionReason = ConflictCode | 'terms-not-accepted' | 'confidentiality';

export interface Ranking {
  readonly matches: readonly Match[];
  /**
   * Experts removed by a hard filter who would otherwise have been in contention (relevant, and scoring
   * at least the last seat's score, or any relevant score while seats are left), with why: operators
   * see why someone was not proposed.
   */
  readonly excluded: readonly { expertId: string; reason: ExclusionReason }[];
}

/** A skill practised this year counts fully, ten years ago a little. */
export const recency = (lastPractised: number, now: Date): number => Math.max(0.1, Math.min(1, 1 - (now.getUTCFullYear() - lastPractised) / 10));

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Adopted plans count fully, shortlisted ones half; saturates (2 adoptions ~ 0.5, 6 ~ 0.75). */
export const trackRecordValue = (t: TrackRecord): number => {
  const merit = t.adopted + 0.5 * t.shortlisted;
  return merit / (merit + 2);
};

/**
 * Consultation ratings as a Bayesian average: RATING_PRIOR_WEIGHT imaginary ratings of RATING_PRIOR_MEAN
 * stars are added to the real ones, so a few ratings move an expert little and many move them a lot
 * (one 5-star call: 3.75; twenty 4.8s: 4.54). A fixed prior, not the community's mean, so one expert's
 * rating never moves another's score. Mapped from 1-5 stars to [0, 1]; an unrated expert sits at the prior.
 */
export const RATING_PRIOR_MEAN = 3.5;
export const RATING_PRIOR_WEIGHT = 5;
export const bayesianRating = (t: TrackRecord): number => (RATING_PRIOR_WEIGHT * RATING_PRIOR_MEAN + t.ratingSum) / (RATING_PRIOR_WEIGHT + t.rated);
export const ratingValue = (t: TrackRecord): number => (bayesianRating(t) - 1) / 4;

/** Share of invitations opened or answered, smoothed so a newcomer starts at 0.5, not 0 or 1. */
export const responsivenessValue = (t: TrackRecord): number => (t.responded + 1) / (t.invited + 2);

/** The first hard filter an expert fails for this query, if any. */
function exclusion(doc: IndexedExpert, q: MatchQuery, policy: CompliancePolicy): ExclusionReason | undefined {
  // Most experts never worked for the owner and carry no restriction: skip the rules for them.
  const owner = q.ownerOrganisationId;
  if (owner !== undefined && (doc.restrictions.length > 0 || doc.employers.some((e) => e.organisationId === owner))) {
    const conflict = conflictsWith(doc, owner, policy, q.now)[0];
    if (conflict) return conflict.code;
  }
  if (!termsSatisfied(termsStatus(doc.terms, policy, q.now))) return 'terms-not-accepted';
  if (TIER_RANK[doc.tier] < TIER_RANK[MIN_TIER[q.confidentiality ?? 'public']]) return 'confidentiality';
  return undefined;
}

/** A query analysed once: its tokens, their idf, and what the skills and domain factors compare against. */
interface Prepared {
  readonly q: MatchQuery;
  readonly policy: CompliancePolicy;
  readonly tokens: readonly string[];
  readonly idf: readonly number[];
  readonly querySet: ReadonlySet<string>;
  readonly domainKeys: readonly string[];
  readonly avgdl: number;
}

function prepare(index: ExpertIndex, q: MatchQuery): Prepared {
  const tokens = [...new Set([...tokenize(q.text), ...(q.keywords ?? []).flatMap(tokenize), ...(q.domain ? tokenize(q.domain) : [])])];
  const n = index.size;
  const idf = tokens.map((t) => Math.log(1 + (n - index.documentFrequency(t) + 0.5) / (index.documentFrequency(t) + 0.5)));
  return { q, policy: q.policy ?? NO_POLICY, tokens, idf, querySet: new Set(tokens), domainKeys: q.domain ? keysOf(q.domain).keys : [], avgdl: index.averageLength || 1 };
}

const termScore = (idf: number, f: number, length: number, avgdl: number): number => idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / avgdl)));

/** BM25 of a document; the same summation order everywhere, so the pruned and the exhaustive searches agree to the bit. */
function bm25Of(p: Prepared, doc: IndexedExpert): number {
  let sum = 0;
  for (let i = 0; i < p.tokens.length; i++) {
    const f = doc.tf.get(p.tokens[i]!);
    if (f) sum += termScore(p.idf[i]!, f, doc.length, p.avgdl);
  }
  return sum;
}

const availabilityValue = (doc: IndexedExpert): number => (doc.availability === 'unavailable' ? 0 : doc.availability === 'limited' ? 0.5 : 1);

/** The factors that do not depend on the query, already weighted: tier, track record, rating, responsiveness, availability. */
function staticContribution(doc: IndexedExpert, record: TrackRecord): number {
  return (
    (TIER_RANK[doc.tier] / 2) * WEIGHTS.tier +
    trackRecordValue(record) * WEIGHTS.trackRecord +
    ratingValue(record) * WEIGHTS.rating +
    responsivenessValue(record) * WEIGHTS.responsiveness +
    availabilityValue(doc) * WEIGHTS.availability
  );
}

interface Evaluated extends Contender {
  readonly doc: IndexedExpert;
  readonly reason: ExclusionReason | undefined;
  readonly values: Record<Factor, number>;
  readonly record: TrackRecord;
  readonly matchedTerms: string[];
  readonly skills: Match['explanation']['matchedSkills'];
  readonly domains: string[];
}

/** Scores one expert (also a filtered one: `excluded` lists those that would have been in contention); undefined if nothing relevant matched. */
function evaluate(p: Prepared, index: ExpertIndex, doc: IndexedExpert, maxBm25: number): Evaluated | undefined {
  const { q } = p;
  const matchedTerms: string[] = [];
  for (const t of p.tokens) if (doc.tf.has(t)) matchedTerms.push(t);
  const bm25 = bm25Of(p, doc);
  const skills = doc.skills
    .filter((s) => (s.byConcept ? s.keys.some((k) => p.querySet.has(k)) : s.keys.every((k) => p.querySet.has(k))))
    .map((s) => ({ name: s.name, lastPractised: s.lastPractised, recency: round(recency(s.lastPractised, q.now)) }));
  const domains = doc.domains.filter((d) => d.keys.length > 0 && d.keys.some((k) => p.domainKeys.includes(k))).map((d) => d.name);
  const record = index.trackRecord(doc.expertId);
  const values: Record<Factor, number> = {
    // Normalised by the best unfiltered candidate; a filtered one may have scored above it (or be the only one with text).
    text: maxBm25 > 0 ? Math.min(1, bm25 / maxBm25) : bm25 > 0 ? 1 : 0,
    skills: Math.min(1, skills.reduce((sum, k) => sum + 0.6 * k.recency, 0)),
    domain: domains.length > 0 ? 1 : 0,
    tier: TIER_RANK[doc.tier] / 2,
    trackRecord: trackRecordValue(record),
    rating: ratingValue(record),
    responsiveness: responsivenessValue(record),
    availability: availabilityValue(doc),
  };
  // Relevance must come from the demand: tier and availability alone do not make a match.
  if (!(round(values.text) > 0 || round(values.skills) > 0 || values.domain > 0)) return undefined;
  let sum = 0;
  for (const f of FACTORS) sum += round(values[f] * WEIGHTS[f]);
  const reason = exclusion(doc, q, p.policy);
  return { expertId: doc.expertId, diversityKey: doc.diversityKey, score: round(sum), doc, reason, values, record, matchedTerms, skills, domains };
}

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
