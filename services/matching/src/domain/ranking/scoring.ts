/**
 * The scoring policy: what a match is worth. Text relevance qualifies an expert: field-weighted BM25
 * (BM25F over skills, expertise, bio and the rest) of the demand's clauses, as a share of what a
 * profile matching every clause would score. Below `minRelevance` nobody is ranked or invited. Among
 * the relevant, the labels and priors (domain, skill recency, tier, track record, rating,
 * responsiveness, availability) re-rank: score = relevance * (1 - PRIOR_SHARE + PRIOR_SHARE * priors),
 * so they move an expert at most PRIOR_SHARE of their own relevance and never make one relevant.
 * The search (search.ts) asks this file for scores and never decides one itself.
 */
import { conflictsWith, normaliseEmployerName, NO_POLICY, termsSatisfied, termsStatus, type CompliancePolicy, type ConflictCode } from '../compliance/compliance';
import type { Tier } from '../expert/expert.events';
import type { Clause } from './analyzer';
import { FIELDS, pseudoFrequency, type ExpertIndex, type IndexedExpert, type TrackRecord } from './expert-index';
import type { Contender } from './top-k';

export const CONFIDENTIALITY = ['public', 'restricted', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/** Who may see a demand of each confidentiality: restricted ones go to core users and up, confidential ones to certified partners. */
export const MIN_TIER: Record<Confidentiality, Tier> = { public: 'interest', restricted: 'core', confidential: 'certified' };
export const TIER_RANK: Record<Tier, number> = { interest: 0, core: 1, certified: 2 };

/** How much of a relevant expert's score the priors decide. */
export const PRIOR_SHARE = 0.3;
/** Weights of the priors among themselves (they sum to 1). */
export const PRIOR_WEIGHTS = { skills: 0.2, domain: 0.25, tier: 0.15, trackRecord: 0.12, rating: 0.08, responsiveness: 0.1, availability: 0.1 } as const;
/**
 * Each factor's share of a perfect score (they sum to 1). The priors' contributions are scaled by the
 * expert's relevance (see the file's comment): a factor's contribution is value * weight * relevance,
 * text's is relevance * its weight.
 */
export const WEIGHTS = {
  text: 1 - PRIOR_SHARE,
  ...(Object.fromEntries(Object.entries(PRIOR_WEIGHTS).map(([k, w]) => [k, w * PRIOR_SHARE])) as Record<keyof typeof PRIOR_WEIGHTS, number>),
} as const;
export type Factor = keyof typeof WEIGHTS;
export const FACTORS = Object.keys(WEIGHTS) as Factor[];
type Prior = keyof typeof PRIOR_WEIGHTS;

/**
 * The relevance below which nobody is ranked or invited, as a share of a perfect text match (a profile
 * that holds every clause of the demand, each in its skills). Tuned on the training split of the
 * labelled set (bench/data/matching-labelled.json); a query may set its own (`minRelevance`).
 */
export const DEFAULT_MIN_RELEVANCE = 0.08;
/** A profile holding a word the demand negates ("silver-free": silver) keeps this share of its relevance. */
export const NEGATION_PENALTY = 0.25;

export const K1 = 1.2;
export const B = 0.75;

export interface MatchQuery {
  /** Demand title/description, in any mix of Chinese and English. */
  readonly text: string;
  readonly keywords?: readonly string[];
  readonly domain?: string;
  /** The demand owner's organisation: its own people, people restricted from it or cooling off after leaving it are excluded. */
  readonly ownerOrganisationId?: string;
  /** Names the owner is known by (besides those experts gave with its id): employments given by name only are matched on them. */
  readonly ownerOrganisationNames?: readonly string[];
  /** Terms in force and listed companies; default none (no terms filter, no cooling-off). */
  readonly policy?: CompliancePolicy;
  readonly confidentiality?: Confidentiality;
  readonly limit: number;
  /** At most this many results from one organisation while others are left (default: a third of the limit, at least 1). */
  readonly maxPerOrganisation?: number;
  /** Default DEFAULT_MIN_RELEVANCE. */
  readonly minRelevance?: number;
  readonly now: Date;
}

export interface FactorExplanation {
  /** The factor's own value in [0, 1]. */
  readonly value: number;
  readonly weight: number;
  /** What it added to the score (value * weight, times the relevance for the priors). */
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
    /** Words of the demand the expert's profile holds although the demand excludes them (it lowered the relevance). */
    readonly negatedTermsHeld?: readonly string[];
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

export const availabilityValue = (doc: Pick<IndexedExpert, 'availability'>): number => (doc.availability === 'unavailable' ? 0 : doc.availability === 'limited' ? 0.5 : 1);

/** A query analysed once: its clauses with their terms' idf, the penalised terms, and what a perfect match scores. */
export interface Prepared {
  readonly q: MatchQuery;
  readonly policy: CompliancePolicy;
  readonly clauses: readonly PreparedClause[];
  readonly penalties: readonly string[];
  /** Sum over the clauses anyone holds of their best possible score: relevance is a share of it. */
  readonly perfect: number;
  readonly minRelevance: number;
  /** Every alternative term of the clauses: a skill holding one of them is a matched skill. */
  readonly queryTerms: ReadonlySet<string>;
  readonly domainTerms: ReadonlySet<string>;
  readonly owner: { organisationId: string; names: ReadonlySet<string> } | undefined;
  readonly averages: Float64Array;
}

export interface PreparedClause {
  readonly clause: Clause;
  readonly terms: readonly string[];
  /** Per alternative: clause weight * alternative weight * idf. */
  readonly factors: Float64Array;
}

const idfOf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

export function prepare(index: ExpertIndex, q: MatchQuery): Prepared {
  const { analyzer } = index;
  const plan = analyzer.plan([q.text, ...(q.keywords ?? [])].join('\n'));
  const n = index.size;
  const clauses = plan.clauses.map((clause) => ({
    clause,
    terms: clause.alternatives.map((a) => a.term),
    factors: Float64Array.from(clause.alternatives, (a) => clause.weight * a.weight * idfOf(n, index.documentFrequency(a.term))),
  }));
  let perfect = 0;
  for (const c of clauses) {
    // Forms nobody holds (a typo, a name, a translation no profile uses) would lower everyone alike: they do not count.
    let best = 0;
    c.terms.forEach((t, a) => {
      if (index.documentFrequency(t) > 0 && c.factors[a]! > best) best = c.factors[a]!;
    });
    perfect += best;
  }
  const domainTerms = new Set<string>();
  if (q.domain) for (const t of analyzer.terms(q.domain)) for (const x of [t, ...analyzer.translations(t)]) domainTerms.add(x);
  const owner = q.ownerOrganisationId;
  return {
    q,
    policy: q.policy ?? NO_POLICY,
    clauses,
    penalties: plan.penalties,
    perfect,
    minRelevance: q.minRelevance ?? DEFAULT_MIN_RELEVANCE,
    queryTerms: new Set(clauses.flatMap((c) => c.terms)),
    domainTerms,
    owner: owner === undefined ? undefined : { organisationId: owner, names: new Set([...index.namesOf(owner), ...[...(q.ownerOrganisationNames ?? []), (q.policy ?? NO_POLICY).listedCompanies.get(owner)?.name ?? ''].map(normaliseEmployerName).filter((n) => n !== '')]) },
    averages: Float64Array.from(FIELDS, (_, f) => index.averageLength(f)),
  };
}

/** A term's BM25F score in [0, 1) before idf: the saturating function of its pseudo-frequency. */
export const saturate = (tf: number): number => tf / (K1 + tf);

/** The first hard filter an expert fails for this query, if any. */
export function exclusion(doc: IndexedExpert, p: Prepared): ExclusionReason | undefined {
  const { owner } = p;
  // Most experts never worked for the owner (by id or name) and carry no restriction: skip the rules for them.
  if (owner && (doc.restrictions.length > 0 || doc.employers.some((e) => e.organisationId === owner.organisationId) || doc.employerNames.some((n) => owner.names.has(n)))) {
    const conflict = conflictsWith(doc, owner, p.policy, p.q.now)[0];
    if (conflict) return conflict.code;
  }
  if (!termsSatisfied(termsStatus(doc.terms, p.policy, p.q.now))) return 'terms-not-accepted';
  if (TIER_RANK[doc.tier] < TIER_RANK[MIN_TIER[p.q.confidentiality ?? 'public']]) return 'confidentiality';
  return undefined;
}

/** The query-independent priors of an expert, already weighted among the priors: tier, track record, rating, responsiveness, availability. */
export function staticPriors(doc: Pick<IndexedExpert, 'tier' | 'availability'>, record: TrackRecord): number {
  return (
    (TIER_RANK[doc.tier] / 2) * PRIOR_WEIGHTS.tier +
    trackRecordValue(record) * PRIOR_WEIGHTS.trackRecord +
    ratingValue(record) * PRIOR_WEIGHTS.rating +
    responsivenessValue(record) * PRIOR_WEIGHTS.responsiveness +
    availabilityValue(doc) * PRIOR_WEIGHTS.availability
  );
}

/** The cached query-independent priors of a slot (computed on first use, reset by the index when the expert or their record changes). */
export function staticPriorsOf(index: ExpertIndex, slot: number): number {
  const statics = index.staticScores;
  let value = statics[slot]!;
  if (Number.isNaN(value)) {
    // Read from the index's columns: no expert object is made for a slot the bound may still drop.
    statics[slot] = value = staticPriors({ tier: index.tierAt(slot), availability: index.availabilityAt(slot) }, index.trackRecord(index.idAt(slot)!));
  }
  return value;
}

/** At most the score of a slot with this relevance: the priors that depend on the query counted as met. */
export const scoreBound = (relevance: number, staticPrior: number): number => relevance * (1 - PRIOR_SHARE + PRIOR_SHARE * (staticPrior + PRIOR_WEIGHTS.skills + PRIOR_WEIGHTS.domain));

/** Relevance of one profile, summed clause by clause in the same order and arithmetic as the postings search, so both agree to the bit. */
export function relevanceOf(p: Prepared, index: ExpertIndex, slot: number): { relevance: number; matched: string[]; penalised: string[] } {
  const lengths = index.fieldLengths;
  let sum = 0;
  const matched: string[] = [];
  for (const c of p.clauses) {
    let best = 0;
    for (let a = 0; a < c.terms.length; a++) {
      const freqs = index.frequencies(slot, c.terms[a]!);
      if (freqs === 0) continue;
      const s = c.factors[a]! * saturate(pseudoFrequency(freqs, lengths, slot, p.averages, B));
      if (s > best) best = s;
    }
    if (best > 0) matched.push(c.clause.source);
    sum += best;
  }
  const penalised = p.penalties.filter((t) => index.frequencies(slot, t) !== 0);
  return { relevance: relevanceFrom(sum, p, penalised.length > 0), matched, penalised };
}

export const relevanceFrom = (sum: number, p: Prepared, penalised: boolean): number => (p.perfect > 0 ? (sum / p.perfect) * (penalised ? NEGATION_PENALTY : 1) : 0);

export interface Evaluated extends Contender {
  readonly doc: IndexedExpert;
  readonly reason: ExclusionReason | undefined;
  readonly relevance: number;
  readonly values: Record<Factor, number>;
  readonly record: TrackRecord;
  readonly skills: Match['explanation']['matchedSkills'];
  readonly domains: string[];
}

/** Scores one expert (also a filtered one: `excluded` lists those that would have been in contention); undefined if not relevant enough. */
export function evaluate(p: Prepared, index: ExpertIndex, slot: number, known?: number): Evaluated | undefined {
  const doc = index.at(slot)!;
  // The postings search knows the relevance already (to the bit); what was matched is only worked out for the results.
  const relevance = known ?? relevanceOf(p, index, slot).relevance;
  if (!(relevance >= p.minRelevance)) return undefined;
  const { q } = p;
  const skills = doc.skills
    .filter((s) => s.terms.some((t) => p.queryTerms.has(t)))
    .map((s) => ({ name: s.name, lastPractised: s.lastPractised, recency: round(recency(s.lastPractised, q.now)) }));
  const domains = doc.domains.filter((d) => d.terms.some((t) => p.domainTerms.has(t))).map((d) => d.name);
  const record = index.trackRecord(doc.expertId);
  const priors: Record<Prior, number> = {
    skills: Math.min(1, skills.reduce((best, k) => Math.max(best, k.recency), 0)),
    domain: domains.length > 0 ? 1 : 0,
    tier: TIER_RANK[doc.tier] / 2,
    trackRecord: trackRecordValue(record),
    rating: ratingValue(record),
    responsiveness: responsivenessValue(record),
    availability: availabilityValue(doc),
  };
  const prior = priors.skills * PRIOR_WEIGHTS.skills + priors.domain * PRIOR_WEIGHTS.domain + staticPriorsOf(index, slot);
  const score = relevance * (1 - PRIOR_SHARE + PRIOR_SHARE * prior);
  return {
    expertId: doc.expertId,
    diversityKey: doc.diversityKey,
    score: round(score),
    doc,
    reason: exclusion(doc, p),
    relevance,
    values: { text: relevance, ...priors },
    record,
    skills,
    domains,
  };
}

/** The explanation's factors: each value, its weight, and what it added (the priors scaled by the relevance, so they add up to the score). */
export function factorsOf(e: Evaluated): Record<Factor, FactorExplanation> {
  return Object.fromEntries(
    FACTORS.map((f) => [f, { value: round(e.values[f]), weight: round(WEIGHTS[f]), contribution: round(f === 'text' ? e.relevance * WEIGHTS.text : e.values[f] * WEIGHTS[f] * e.relevance) }]),
  ) as Record<Factor, FactorExplanation>;
}
