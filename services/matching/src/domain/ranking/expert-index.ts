import { createHash } from 'node:crypto';
import type { EmployerRestriction, TermsAcceptance } from '../compliance/compliance';
import type { Tier } from '../expert/expert.events';
import { currentOrganisations, type Availability, type Employment, type Profile } from '../expert/profile';
import { tokenize } from './tokenize';

/** What the index needs of an expert: the registry's view of them. */
export interface RankableExpert {
  readonly expertId: string;
  readonly tier: Tier;
  readonly profile: Profile;
  readonly terms?: TermsAcceptance;
  readonly restrictions?: readonly EmployerRestriction[];
}

/** What the funnel and the consultations say of an expert so far: the track record, rating and responsiveness factors. */
export interface TrackRecord {
  readonly invited: number;
  /** Invitations the expert opened or answered. */
  readonly responded: number;
  readonly shortlisted: number;
  readonly adopted: number;
  /** Consultations rated by the enterprise (one per booking), and the sum of their stars (1-5 each). */
  readonly rated: number;
  readonly ratingSum: number;
}

export const NO_TRACK_RECORD: TrackRecord = { invited: 0, responded: 0, shortlisted: 0, adopted: 0, rated: 0, ratingSum: 0 };

export interface IndexedSkill {
  readonly name: string;
  readonly lastPractised: number;
  /** Concept tokens if the glossary knows the skill, else its words: what a query must contain to match it. */
  readonly keys: readonly string[];
  readonly byConcept: boolean;
}

export interface IndexedExpert {
  readonly expertId: string;
  readonly tier: Tier;
  readonly organisations: readonly string[];
  /** Employments with an organisation id (current and past): conflict of interest and cooling-off. */
  readonly employers: readonly Employment[];
  readonly restrictions: readonly EmployerRestriction[];
  readonly terms: TermsAcceptance | undefined;
  /** Whom diversity counts them with: current organisation, else current employer, else themself. */
  readonly diversityKey: string;
  readonly availability: Availability | undefined;
  readonly tf: ReadonlyMap<string, number>;
  readonly length: number;
  readonly skills: readonly IndexedSkill[];
  readonly domains: readonly { name: string; keys: readonly string[] }[];
}

/** The words of a skill or domain that a query must contain; concepts when the glossary knows them. */
export const keysOf = (name: string): { keys: string[]; byConcept: boolean } => {
  const tokens = tokenize(name);
  const concepts = [...new Set(tokens.filter((t) => t.startsWith('c:')))];
  if (concepts.length > 0) return { keys: concepts, byConcept: true };
  const words = tokens.filter((t) => t.startsWith('en:') || t.startsWith('zh:'));
  return { keys: [...new Set(words.length > 0 ? words : tokens)], byConcept: false };
};

const textOf = (p: Profile): string =>
  [p.bio?.en, p.bio?.zh, p.expertise?.en, p.expertise?.zh, ...(p.domains ?? []), ...(p.skills ?? []).map((s) => s.name), ...(p.certifications ?? []), ...(p.publications ?? [])]
    .filter((x): x is string => typeof x === 'string')
    .join('\n');

export function indexExpert(e: RankableExpert): IndexedExpert {
  const tokens = tokenize(textOf(e.profile));
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  const organisations = currentOrganisations(e.profile);
  const currentEmployer = (e.profile.employers ?? []).find((x) => x.to === undefined)?.employer.toLowerCase();
  return {
    expertId: e.expertId,
    tier: e.tier,
    organisations,
    employers: (e.profile.employers ?? []).filter((x) => x.organisationId !== undefined),
    restrictions: e.restrictions ?? [],
    terms: e.terms,
    diversityKey: organisations[0] ?? (currentEmployer ? `employer:${currentEmployer}` : `expert:${e.expertId}`),
    availability: e.profile.availability,
    tf,
    length: tokens.length,
    skills: (e.profile.skills ?? []).map((s) => ({ name: s.name, lastPractised: s.lastPractised, ...keysOf(s.name) })),
    domains: (e.profile.domains ?? []).map((d) => ({ name: d, keys: keysOf(d).keys })),
  };
}

/** What bounds a term's BM25 contribution in any document: its highest tf and the shortest document holding it. */
export interface TermBound {
  readonly maxTf: number;
  readonly minLength: number;
}

/**
 * An inverted index over expert profiles, kept in memory and updated one expert at a time. Document
 * statistics (df, average length) are maintained incrementally, so an upsert is visible to the next
 * query; `checksum` lets a test prove that an incrementally updated index equals a rebuilt one.
 * Per term it also keeps what top-k pruning needs: a bound on its BM25 contribution (maxTf, minLength:
 * widened on upsert, left as they are on removal, so they stay upper bounds, merely looser, and are
 * not part of the checksum) and whether it is a skill or domain key of anyone.
 */
const EMPTY: ReadonlySet<IndexedExpert> = new Set();

function count(counts: Map<string, number>, keys: Iterable<string>, by: 1 | -1): void {
  for (const k of keys) {
    const n = (counts.get(k) ?? 0) + by;
    if (n > 0) counts.set(k, n);
    else counts.delete(k);
  }
}

export class ExpertIndex {
  private readonly docs = new Map<string, IndexedExpert>();
  /** The documents themselves, not their ids: the search walks them without a lookup per posting. */
  private readonly postings = new Map<string, Set<IndexedExpert>>();
  private readonly trackRecords = new Map<string, TrackRecord>();
  /** Documents containing each term in their text, kept with the postings: BM25's df in O(1). */
  private readonly df = new Map<string, number>();
  private readonly bounds = new Map<string, TermBound>();
  /** How many experts have the term among their skill keys / domain keys. */
  private readonly skillKeys = new Map<string, number>();
  private readonly domainKeys = new Map<string, number>();
  private totalLength = 0;

  get size(): number {
    return this.docs.size;
  }

  get averageLength(): number {
    return this.docs.size === 0 ? 0 : this.totalLength / this.docs.size;
  }

  upsert(expert: RankableExpert): void {
    this.remove(expert.expertId);
    const doc = indexExpert(expert);
    this.docs.set(doc.expertId, doc);
    this.totalLength += doc.length;
    for (const [t, f] of doc.tf) {
      this.df.set(t, (this.df.get(t) ?? 0) + 1);
      const b = this.bounds.get(t);
      if (!b || b.maxTf < f || b.minLength > doc.length) this.bounds.set(t, { maxTf: Math.max(f, b?.maxTf ?? 0), minLength: Math.min(doc.length, b?.minLength ?? Infinity) });
    }
    count(this.skillKeys, new Set(doc.skills.flatMap((x) => x.keys)), 1);
    count(this.domainKeys, new Set(doc.domains.flatMap((x) => x.keys)), 1);
    const keys = new Set([...doc.tf.keys(), ...doc.skills.flatMap((s) => s.keys), ...doc.domains.flatMap((d) => d.keys)]);
    for (const t of keys) {
      let set = this.postings.get(t);
      if (!set) this.postings.set(t, (set = new Set()));
      set.add(doc);
    }
  }

  remove(expertId: string): void {
    const old = this.docs.get(expertId);
    if (!old) return;
    this.docs.delete(expertId);
    this.totalLength -= old.length;
    for (const t of old.tf.keys()) {
      const n = (this.df.get(t) ?? 0) - 1;
      if (n > 0) this.df.set(t, n);
      else {
        this.df.delete(t);
        this.bounds.delete(t);
      }
    }
    count(this.skillKeys, new Set(old.skills.flatMap((x) => x.keys)), -1);
    count(this.domainKeys, new Set(old.domains.flatMap((x) => x.keys)), -1);
    for (const t of new Set([...old.tf.keys(), ...old.skills.flatMap((s) => s.keys), ...old.domains.flatMap((d) => d.keys)])) {
      const set = this.postings.get(t);
      set?.delete(old);
      if (set?.size === 0) this.postings.delete(t);
    }
  }

  get(expertId: string): IndexedExpert | undefined {
    return this.docs.get(expertId);
  }

  /** Track records come from the funnel, apart from profiles: an adoption does not re-analyse the text. */
  setTrackRecord(expertId: string, record: TrackRecord): void {
    this.trackRecords.set(expertId, record);
  }

  trackRecord(expertId: string): TrackRecord {
    return this.trackRecords.get(expertId) ?? NO_TRACK_RECORD;
  }

  /** Documents containing the term in their text (skills and domain keys do not count for BM25). */
  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  termBound(term: string): TermBound | undefined {
    return this.bounds.get(term);
  }

  isSkillKey(term: string): boolean {
    return this.skillKeys.has(term);
  }

  isDomainKey(term: string): boolean {
    return this.domainKeys.has(term);
  }

  /** Experts whose text, skill keys or domain keys hold the term. */
  posting(term: string): ReadonlySet<IndexedExpert> {
    return this.postings.get(term) ?? EMPTY;
  }

  /** Every expert (the naive scan the bench compares against). */
  all(): IndexedExpert[] {
    return [...this.docs.values()];
  }

  checksum(): string {
    const h = createHash('sha256');
    for (const id of [...this.docs.keys()].sort()) {
      const d = this.docs.get(id)!;
      h.update(JSON.stringify({ ...d, tf: [...d.tf.entries()].sort() }));
    }
    for (const id of [...this.trackRecords.keys()].sort()) h.update(`tr:${id}:${JSON.stringify(this.trackRecords.get(id))}`);
    return h.update(`len:${this.totalLength}`).digest('hex');
  }
}
