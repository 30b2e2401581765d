/**
 * The scoring policy: what a match is worth. The hard filters (conflicts, terms, confidentiality), the
 * factors and their weights, BM25 over the profile text, and the explanation of each score. The search
 * over the postings (search.ts) asks this file for scores and never decides one itself.
 */
import { conflictsWith, NO_POLICY, termsSatisfied, termsStatus, type CompliancePolicy, type ConflictCode } from '../compliance/compliance';
import type { Tier } from '../expert/expert.events';
import type { ExpertIndex, IndexedExpert, TrackRecord } from './expert-index';
import { keysOf } from './expert-index';
import type { Contender } from './top-k';
import { tokenize } from './tokenize';

export const CONFIDENTIALITY = ['public', 'restricted', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/** Who may see a demand of each confidentiality: restricted ones go to core users and up, confidential ones to certified partners. */
export const MIN_TIER: Record<Confidentiality, Tier> = { public: 'interest', restricted: 'core', confidential: 'certified' };
export const TIER_RANK: Record<Tier, number> = { interest: 0, core: 1, certified: 2 };

/** Weights of the factors; they sum to 1 so a score reads as a fraction of a perfect match. */
export const WEIGHTS = { text: 0.32, skills: 0.23, domain: 0.12, tier: 0.08, trackRecord: 0.08, rating: 0.05, responsiveness: 0.07, availability: 0.05 } as const;
export type Factor = keyof typeof WEIGHTS;
export const FACTORS = Object.keys(WEIGHTS) as Factor[];

export const K1 = 1.2;
export const B = 0.75;

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

export const round = (x: number) => Math.round(x * 10_000) / 10_000;

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
export function exclusion(doc: IndexedExpert, q: MatchQuery, policy: CompliancePolicy): ExclusionReason | undefined {
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
export interface Prepared {
  readonly q: MatchQuery;
  readonly policy: CompliancePolicy;
  readonly tokens: readonly string[];
  readonly idf: readonly number[];
  readonly querySet: ReadonlySet<string>;
  readonly domainKeys: readonly string[];
  readonly avgdl: number;
}

export function prepare(index: ExpertIndex, q: MatchQuery): Prepared {
  const tokens = [...new Set([...tokenize(q.text), ...(q.keywords ?? []).flatMap(tokenize), ...(q.domain ? tokenize(q.domain) : [])])];
  const n = index.size;
  const idf = tokens.map((t) => Math.log(1 + (n - index.documentFrequency(t) + 0.5) / (index.documentFrequency(t) + 0.5)));
  return { q, policy: q.policy ?? NO_POLICY, tokens, idf, querySet: new Set(tokens), domainKeys: q.domain ? keysOf(q.domain).keys : [], avgdl: index.averageLength || 1 };
}

export const termScore = (idf: number, f: number, length: number, avgdl: number): number => idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * length) / avgdl)));

/** BM25 of a document; the same summation order everywhere, so the pruned and the exhaustive searches agree to the bit. */
export function bm25Of(p: Prepared, doc: IndexedExpert): number {
  let sum = 0;
  for (let i = 0; i < p.tokens.length; i++) {
    const f = doc.tf.get(p.tokens[i]!);
    if (f) sum += termScore(p.idf[i]!, f, doc.length, p.avgdl);
  }
  return sum;
}

export const availabilityValue = (doc: IndexedExpert): number => (doc.availability === 'unavailable' ? 0 : doc.availability === 'limited' ? 0.5 : 1);

/** The factors that do not depend on the query, already weighted: tier, track record, rating, responsiveness, availability. */
export function staticContribution(doc: IndexedExpert, record: TrackRecord): number {
  return (
    (TIER_RANK[doc.tier] / 2) * WEIGHTS.tier +
    trackRecordValue(record) * WEIGHTS.trackRecord +
    ratingValue(record) * WEIGHTS.rating +
    responsivenessValue(record) * WEIGHTS.responsiveness +
    availabilityValue(doc) * WEIGHTS.availability
  );
}

export interface Evaluated extends Contender {
  readonly doc: IndexedExpert;
  readonly reason: ExclusionReason | undefined;
  readonly values: Record<Factor, number>;
  readonly record: TrackRecord;
  readonly matchedTerms: string[];
  readonly skills: Match['explanation']['matchedSkills'];
  readonly domains: string[];
}

/** Scores one expert (also a filtered one: `excluded` lists those that would have been in contention); undefined if nothing relevant matched. */
export function evaluate(p: Prepared, index: ExpertIndex, doc: IndexedExpert, maxBm25: number): Evaluated | undefined {
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
