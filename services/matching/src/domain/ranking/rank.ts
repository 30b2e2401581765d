import type { Tier } from '../expert/expert.events';
import type { ExpertIndex, IndexedExpert } from './expert-index';
import { keysOf } from './expert-index';
import { displayToken, tokenize } from './tokenize';

export const CONFIDENTIALITY = ['public', 'restricted', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/** Who may see a demand of each confidentiality: restricted ones go to core users and up, confidential ones to certified partners. */
const MIN_TIER: Record<Confidentiality, Tier> = { public: 'interest', restricted: 'core', confidential: 'certified' };
const TIER_RANK: Record<Tier, number> = { interest: 0, core: 1, certified: 2 };

/** Weights of the factors; they sum to 1 so a score reads as a fraction of a perfect match. */
export const WEIGHTS = { text: 0.4, skills: 0.3, domain: 0.15, tier: 0.1, availability: 0.05 } as const;
type Factor = keyof typeof WEIGHTS;

const K1 = 1.2;
const B = 0.75;

export interface MatchQuery {
  /** Demand title/description, in any mix of Chinese and English. */
  readonly text: string;
  readonly keywords?: readonly string[];
  readonly domain?: string;
  /** The demand owner's organisation: its own people are a conflict of interest. */
  readonly ownerOrganisationId?: string;
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
  };
}

export interface Ranking {
  readonly matches: readonly Match[];
  /** Candidates removed by a hard filter, with why (operators see why someone was not proposed). */
  readonly excluded: readonly { expertId: string; reason: 'conflict-of-interest' | 'confidentiality' }[];
}

/** A skill practised this year counts fully, ten years ago a little. */
export const recency = (lastPractised: number, now: Date): number => Math.max(0.1, Math.min(1, 1 - (now.getUTCFullYear() - lastPractised) / 10));

const round = (x: number) => Math.round(x * 10_000) / 10_000;

interface Scored {
  doc: IndexedExpert;
  bm25: number;
  matchedTerms: string[];
  skills: Match['explanation']['matchedSkills'];
  domains: string[];
}

export function rankExperts(index: ExpertIndex, q: MatchQuery): Ranking {
  const queryTokens = [...new Set([...tokenize(q.text), ...(q.keywords ?? []).flatMap(tokenize), ...(q.domain ? tokenize(q.domain) : [])])];
  const querySet = new Set(queryTokens);
  const domainKeys = q.domain ? keysOf(q.domain).keys : [];
  const n = index.size;
  const avgdl = index.averageLength || 1;
  const idf = new Map(queryTokens.map((t) => [t, Math.log(1 + (n - index.documentFrequency(t) + 0.5) / (index.documentFrequency(t) + 0.5))]));

  const excluded: Ranking['excluded'][number][] = [];
  const scored: Scored[] = [];
  for (const doc of index.candidates(queryTokens)) {
    // Hard filters first: nothing a high score can buy back.
    if (q.ownerOrganisationId !== undefined && doc.organisations.includes(q.ownerOrganisationId)) {
      excluded.push({ expertId: doc.expertId, reason: 'conflict-of-interest' });
      continue;
    }
    if (TIER_RANK[doc.tier] < TIER_RANK[MIN_TIER[q.confidentiality ?? 'public']]) {
      excluded.push({ expertId: doc.expertId, reason: 'confidentiality' });
      continue;
    }
    let bm25 = 0;
    const matchedTerms: string[] = [];
    for (const t of queryTokens) {
      const f = doc.tf.get(t);
      if (!f) continue;
      bm25 += idf.get(t)! * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * doc.length) / avgdl)));
      matchedTerms.push(t);
    }
    const skills = doc.skills
      .filter((s) => (s.byConcept ? s.keys.some((k) => querySet.has(k)) : s.keys.every((k) => querySet.has(k))))
      .map((s) => ({ name: s.name, lastPractised: s.lastPractised, recency: round(recency(s.lastPractised, q.now)) }));
    const domains = doc.domains.filter((d) => d.keys.length > 0 && d.keys.some((k) => domainKeys.includes(k))).map((d) => d.name);
    scored.push({ doc, bm25, matchedTerms, skills, domains });
  }

  const maxBm25 = Math.max(0, ...scored.map((s) => s.bm25));
  const ranked = scored
    .map((s) => {
      const values: Record<Factor, number> = {
        text: maxBm25 > 0 ? s.bm25 / maxBm25 : 0,
        skills: Math.min(1, s.skills.reduce((sum, k) => sum + 0.6 * k.recency, 0)),
        domain: s.domains.length > 0 ? 1 : 0,
        tier: TIER_RANK[s.doc.tier] / 2,
        availability: s.doc.availability === 'unavailable' ? 0 : s.doc.availability === 'limited' ? 0.5 : 1,
      };
      const factors = Object.fromEntries(
        (Object.keys(WEIGHTS) as Factor[]).map((f) => [f, { value: round(values[f]), weight: WEIGHTS[f], contribution: round(values[f] * WEIGHTS[f]) }]),
      ) as Record<Factor, FactorExplanation>;
      const score = round((Object.values(factors) as FactorExplanation[]).reduce((sum, x) => sum + x.contribution, 0));
      return { s, score, factors };
    })
    // Relevance must come from the demand: tier and availability alone do not make a match.
    .filter((r) => r.factors.text.value > 0 || r.factors.skills.value > 0 || r.factors.domain.value > 0)
    .sort((a, b) => b.score - a.score || a.s.doc.expertId.localeCompare(b.s.doc.expertId));

  const picked = diversify(ranked, q.limit, q.maxPerOrganisation ?? Math.max(1, Math.ceil(q.limit / 3)), (r) => r.s.doc.diversityKey);
  return {
    matches: picked.map((r, i) => ({
      expertId: r.s.doc.expertId,
      rank: i + 1,
      score: r.score,
      explanation: { matchedTerms: [...new Set(r.s.matchedTerms.map(displayToken))], matchedSkills: r.s.skills, matchedDomains: r.s.domains, factors: r.factors },
    })),
    excluded,
  };
}

/**
 * Greedy diversity: take results in score order, skipping an organisation once it has `maxPer`;
 * if that leaves fewer than `limit`, the skipped ones fill the rest in score order (better a second
 * expert from one organisation than an empty seat).
 */
export function diversify<T>(sorted: readonly T[], limit: number, maxPer: number, keyOf: (t: T) => string): T[] {
  const taken: T[] = [];
  const skipped: T[] = [];
  const perKey = new Map<string, number>();
  for (const r of sorted) {
    if (taken.length >= limit) break;
    const k = keyOf(r);
    const count = perKey.get(k) ?? 0;
    if (count >= maxPer) {
      skipped.push(r);
      continue;
    }
    perKey.set(k, count + 1);
    taken.push(r);
  }
  return [...taken, ...skipped.slice(0, limit - taken.length)];
}
