/**
 * The search: which experts get scored, and in what order. Exact top-k over the inverted index's
 * postings, or every profile (the oracle). What a match is worth is the scoring policy's (scoring.ts).
 */
import { B, bayesianRating, evaluate, factorsOf, prepare, relevanceFrom, relevanceOf, round, saturate, scoreBound, staticPriorsOf, type Evaluated, type MatchQuery, type Prepared, type Ranking } from './scoring';
import { pseudoFrequency, type ExpertIndex } from './expert-index';
import { TopK } from './top-k';

/** Per-slot work arrays of a query, kept with the index between queries (cleared for the slots a query touched) to spare the allocation. */
interface Scratch {
  sum: Float64Array;
  best: Float64Array;
  /** 1: reached by a clause; 2: holds a negated term. */
  flags: Uint8Array;
  reached: Int32Array;
  touched: Int32Array;
}
const scratches = new WeakMap<ExpertIndex, Scratch>();

function scratchFor(index: ExpertIndex): Scratch {
  const n = index.slotCount;
  let s = scratches.get(index);
  if (!s || s.flags.length < n) {
    const size = Math.max(1024, n + (n >> 2));
    s = { sum: new Float64Array(size), best: new Float64Array(size), flags: new Uint8Array(size), reached: new Int32Array(size), touched: new Int32Array(size) };
    scratches.set(index, s);
  }
  return s;
}

/**
 * Relevance of every expert any clause reaches, from the postings: per clause, the best alternative
 * per expert (a word and its translations count once), added in clause order like `relevanceOf`.
 * The priors cannot raise a score above its relevance, so candidates are then evaluated in falling
 * relevance until it drops below the running top N's threshold (`TopK`, exact under diversity).
 */
function searchPostings(p: Prepared, index: ExpertIndex, top: TopK<Evaluated>, excluded: Evaluated[]): void {
  const { sum, best, flags, reached, touched } = scratchFor(index);
  let count = 0;
  try {
    const lengths = index.fieldLengths;
    const live = index.liveSlots;
    const { averages } = p;
    for (const c of p.clauses) {
      let touchedCount = 0;
      for (let a = 0; a < c.terms.length; a++) {
        const factor = c.factors[a]!;
        for (const { data, from, to } of index.postings(c.terms[a]!)) {
          for (let at = from; at < to; at += 2) {
            const slot = data[at]!;
            if (live[slot] === 0) continue;
            const s = factor * saturate(pseudoFrequency(data[at + 1]! >>> 0, lengths, slot, averages, B));
            const was = best[slot]!;
            if (was === 0) touched[touchedCount++] = slot;
            if (s > was) best[slot] = s;
          }
        }
      }
      for (let k = 0; k < touchedCount; k++) {
        const slot = touched[k]!;
        if (flags[slot] === 0) {
          reached[count++] = slot;
          flags[slot] = 1;
        }
        sum[slot]! += best[slot]!;
        best[slot] = 0;
      }
    }
    for (const term of p.penalties) {
      for (const { data, from, to } of index.postings(term)) {
        for (let at = from; at < to; at += 2) {
          const slot = data[at]!;
          // Only the reached are reset after the query: an expert no clause reached must stay unmarked.
          if (flags[slot] !== 0) flags[slot]! |= 2;
        }
      }
    }
    const candidates: number[] = [];
    const relevance = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const slot = reached[k]!;
      const r = relevanceFrom(sum[slot]!, p, (flags[slot]! & 2) !== 0);
      relevance[k] = r;
      if (r >= p.minRelevance) candidates.push(k);
    }
    candidates.sort((x, y) => relevance[y]! - relevance[x]!);
    for (const k of candidates) {
      // score <= relevance (the priors take at most their share of it, and give at most that back)...
      if (round(relevance[k]!) + 0.0001 < top.threshold) break;
      // ...and at most what their own priors allow, with the query's (domain, skills) counted as met.
      if (round(scoreBound(relevance[k]!, staticPriorsOf(index, reached[k]!))) + 0.0001 < top.threshold) continue;
      const ev = evaluate(p, index, reached[k]!, relevance[k]!);
      if (!ev) continue;
      if (ev.reason) excluded.push(ev);
      else top.offer(ev);
    }
  } finally {
    for (let k = 0; k < count; k++) {
      const slot = reached[k]!;
      sum[slot] = 0;
      flags[slot] = 0;
    }
  }
}

/**
 * `candidates`: 'postings' (default) searches the inverted index; 'every-profile' scores every expert
 * (the bench's naive baseline and the tests' oracle: both give the same result).
 */
export function rankExperts(index: ExpertIndex, q: MatchQuery, candidates: 'postings' | 'every-profile' = 'postings'): Ranking {
  const p = prepare(index, q);
  const top = new TopK<Evaluated>(q.limit, q.maxPerOrganisation ?? Math.max(1, Math.ceil(q.limit / 3)));
  const excluded: Evaluated[] = [];
  if (candidates === 'postings') {
    searchPostings(p, index, top, excluded);
  } else {
    for (let slot = 0; slot < index.slotCount; slot++) {
      if (index.liveSlots[slot] !== 1) continue;
      const ev = evaluate(p, index, slot);
      if (!ev) continue;
      if (ev.reason) excluded.push(ev);
      else top.offer(ev);
    }
  }
  const picked = top.result();
  return {
    matches: picked.map((r, i) => {
      const { matched, penalised } = relevanceOf(p, index, index.slot(r.expertId)!);
      return {
      expertId: r.expertId,
      rank: i + 1,
      score: r.score,
      explanation: {
        matchedTerms: matched,
        matchedSkills: r.skills,
        matchedDomains: r.domains,
        factors: factorsOf(r),
        trackRecord: r.record,
        rating: { count: r.record.rated, ...(r.record.rated > 0 ? { mean: round(r.record.ratingSum / r.record.rated) } : {}), bayesian: round(bayesianRating(r.record)) },
        ...(penalised.length > 0 ? { negatedTermsHeld: penalised.map((t) => t.slice(t.indexOf(':') + 1)) } : {}),
      },
      };
    }),
    excluded: excluded
      .filter((x) => x.score >= top.threshold)
      .map((x) => ({ expertId: x.expertId, reason: x.reason! }))
      .sort((a, b) => (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0)),
  };
}
