import { conflictsWith, NO_POLICY, termsSatisfied, termsStatus, type CompliancePolicy, type ConflictCode } from '../compliance/compliance';
import type { Tier } from '../expert/expert.events';
import type { ExpertIndex, IndexedExpert, TrackRecord } from './expert-index';
import { keysOf } from './expert-index';
import { displayToken, tokenize } from './tokenize';

export const CONFIDENTIALITY = ['public', 'restricted', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/** Who may see a demand of each confidentiality: restricted ones go to core users and up, confidential ones to certified partners. */
const MIN_TIER: Record<Confidentiality, Tier> = { public: 'interest', restricted: 'core', confidential: 'certified' };
const TIER_RANK: Record<Tier, number> = { interest: 0, core: 1, certified: 2 };

/** Weights of the factors; they sum to 1 so a score reads as a fraction of a perfect match. */
export const WEIGHTS = { text: 0.35, skills: 0.25, domain: 0.12, tier: 0.08, trackRecord: 0.08, responsiveness: 0.07, availability: 0.05 } as const;
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
    /** The funnel counts behind the track record and responsiveness factors. */
    readonly trackRecord: TrackRecord;
  };
}

export type ExclusionReason = ConflictCode | 'terms-not-accepted' | 'confidentiality';

export interface Ranking {
  readonly matches: readonly Match[];
  /** Candidates removed by a hard filter, with why (operators see why someone was not proposed). */
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

interface Scored {
  doc: IndexedExpert;
  bm25: number;
  matchedTerms: string[];
  skills: Match['explanation']['matchedSkills'];
  domains: string[];
}

/**
 * `candidates`: 'postings' (default) scores only experts sharing a token with the query, the only ones
 * that can pass the relevance filter; 'every-profile' scores them all (the bench's naive baseline,
 * which must give the same top N).
 */
export function rankExperts(index: ExpertIndex, q: MatchQuery, candidates: 'postings' | 'every-profile' = 'postings'): Ranking {
  const queryTokens = [...new Set([...tokenize(q.text), ...(q.keywords ?? []).flatMap(tokenize), ...(q.domain ? tokenize(q.domain) : [])])];
  const querySet = new Set(queryTokens);
  const domainKeys = q.domain ? keysOf(q.domain).keys : [];
  const n = index.size;
  const avgdl = index.averageLength || 1;
  const idf = new Map(queryTokens.map((t) => [t, Math.log(1 + (n - index.documentFrequency(t) + 0.5) / (index.documentFrequency(t) + 0.5))]));

  const excluded: Ranking['excluded'][number][] = [];
  const scored: Scored[] = [];
  const policy = q.policy ?? NO_POLICY;
  for (const doc of candidates === 'postings' ? index.candidates(queryTokens) : index.all()) {
    // Hard filters first: nothing a high score can buy back.
    const reason = exclusion(doc, q, policy);
    if (reason) {
      excluded.push({ expertId: doc.expertId, reason });
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

  // A loop, not Math.max(...spread): a naive scan has 200k candidates, past the argument limit.
  let maxBm25 = 0;
  for (const x of scored) if (x.bm25 > maxBm25) maxBm25 = x.bm25;
  // Scores are plain numbers for every candidate; explanation objects are built for the picked only.
  const ranked: { s: Scored; score: number; values: Record<Factor, number>; record: TrackRecord }[] = [];
  for (const x of scored) {
    const record = index.trackRecord(x.doc.expertId);
    const values: Record<Factor, number> = {
      text: maxBm25 > 0 ? x.bm25 / maxBm25 : 0,
      skills: Math.min(1, x.skills.reduce((sum, k) => sum + 0.6 * k.recency, 0)),
      domain: x.domains.length > 0 ? 1 : 0,
      tier: TIER_RANK[x.doc.tier] / 2,
      trackRecord: trackRecordValue(record),
      responsiveness: responsivenessValue(record),
      availability: x.doc.availability === 'unavailable' ? 0 : x.doc.availability === 'limited' ? 0.5 : 1,
    };
    // Relevance must come from the demand: tier and availability alone do not make a match.
    if (!(round(values.text) > 0 || round(values.skills) > 0 || values.domain > 0)) continue;
    let sum = 0;
    for (const f of FACTORS) sum += round(values[f] * WEIGHTS[f]);
    ranked.push({ s: x, score: round(sum), values, record });
  }
  ranked.sort((a, b) => b.score - a.score || (a.s.doc.expertId < b.s.doc.expertId ? -1 : a.s.doc.expertId > b.s.doc.expertId ? 1 : 0));

  const picked = diversify(ranked, q.limit, q.maxPerOrganisation ?? Math.max(1, Math.ceil(q.limit / 3)), (r) => r.s.doc.diversityKey);
  return {
    matches: picked.map((r, i) => ({
      expertId: r.s.doc.expertId,
      rank: i + 1,
      score: r.score,
      explanation: {
        matchedTerms: [...new Set(r.s.matchedTerms.map(displayToken))],
        matchedSkills: r.s.skills,
        matchedDomains: r.s.domains,
        factors: Object.fromEntries(FACTORS.map((f) => [f, { value: round(r.values[f]), weight: WEIGHTS[f], contribution: round(r.values[f] * WEIGHTS[f]) }])) as Record<Factor, FactorExplanation>,
        trackRecord: r.record,
      },
    })),
    excluded: excluded.sort((a, b) => (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0)),
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
