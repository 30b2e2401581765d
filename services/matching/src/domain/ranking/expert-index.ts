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

/** Marks of a posting entry: the term is one of the expert's skill keys / domain keys (besides or instead of their text). */
export const SKILL_KEY = 1;
export const DOMAIN_KEY = 2;
/** Skills past the eighth share the last bit of a posting entry's skill mask. */
export const SKILL_BITS = 8;

/**
 * The experts holding one term, as parallel typed arrays (no object per entry): `slots[i]` is an
 * expert's dense number, `tf[i]` the term's frequency in their text (0 when only a skill or domain
 * key), `marks[i]` the SKILL_KEY / DOMAIN_KEY flags (`& 3`) and, from bit 2, which of the expert's
 * skills hold the term as a key (bit 2 + i for skill i; skills from SKILL_BITS - 1 on share the last
 * bit). Unordered: a removal moves the last entry into the hole, and `keyAt` lets the moved expert's
 * own record of its position follow.
 */
export class PostingList {
  slots = new Int32Array(4);
  tf = new Uint32Array(4);
  marks = new Uint16Array(4);
  /** Which of the expert's keys this entry is (an index into their key list): where they keep its position. */
  keyAt = new Int32Array(4);
  size = 0;

  push(slot: number, tf: number, marks: number, key: number): number {
    if (this.size === this.slots.length) {
      const grow = <A extends Int32Array | Uint32Array | Uint16Array>(a: A, make: (n: number) => A): A => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.slots = grow(this.slots, (n) => new Int32Array(n));
      this.tf = grow(this.tf, (n) => new Uint32Array(n));
      this.marks = grow(this.marks, (n) => new Uint16Array(n));
      this.keyAt = grow(this.keyAt, (n) => new Int32Array(n));
    }
    this.slots[this.size] = slot;
    this.tf[this.size] = tf;
    this.marks[this.size] = marks;
    this.keyAt[this.size] = key;
    return this.size++;
  }

  /** Moves the last entry into `at` (the entry there leaves); returns the moved entry's slot and key index, or undefined if `at` was last. */
  removeAt(at: number): { slot: number; key: number } | undefined {
    const last = --this.size;
    if (at === last) return undefined;
    this.slots[at] = this.slots[last]!;
    this.tf[at] = this.tf[last]!;
    this.marks[at] = this.marks[last]!;
    this.keyAt[at] = this.keyAt[last]!;
    return { slot: this.slots[at]!, key: this.keyAt[at]! };
  }
}

/** Where an expert lives in the postings: their keys (text terms, skill and domain keys) and their position in each key's list. */
interface Placement {
  readonly keys: readonly string[];
  readonly positions: Int32Array;
}

/**
 * An inverted index over expert profiles, kept in memory and updated one expert at a time. Document
 * statistics (df, average length) are maintained incrementally, so an upsert is visible to the next
 * query; `checksum` lets a test prove that an incrementally updated index equals a rebuilt one.
 * For the search, each expert gets a dense number (a slot, reused after a removal; not part of the
 * checksum) and postings are typed arrays of slots (`PostingList`), so a query accumulates scores in
 * flat arrays indexed by slot. Upsert and removal cost O(the expert's keys), whatever the list lengths.
 */
export class ExpertIndex {
  private readonly docs = new Map<string, IndexedExpert>();
  private readonly slotOf = new Map<string, number>();
  private bySlot: (IndexedExpert | undefined)[] = [];
  private placements: (Placement | undefined)[] = [];
  private lengths = new Float64Array(16);
  /** Query-independent factors per slot, cached by the ranking (NaN: to compute); reset when the expert or their record changes. */
  private statics = new Float64Array(16);
  /** Per slot, SKILL_BITS years: skill i's last practised year at slot * SKILL_BITS + i (the last one: the latest of the skills from there on). */
  private skillYears = new Float64Array(16 * SKILL_BITS);
  /** Per slot, how many skills share the last skill bit (capped at 255). */
  private skillTail = new Uint8Array(16);
  private readonly freeSlots: number[] = [];
  private readonly postings = new Map<string, PostingList>();
  private readonly trackRecords = new Map<string, TrackRecord>();
  /** Documents containing each term in their text, kept with the postings: BM25's df in O(1). */
  private readonly df = new Map<string, number>();
  /** Experts with a skill that has no key at all: it matches every query, so they are candidates of every query. */
  private readonly keyless = new Set<number>();
  private totalLength = 0;

  get size(): number {
    return this.docs.size;
  }

  get averageLength(): number {
    return this.docs.size === 0 ? 0 : this.totalLength / this.docs.size;
  }

  /** One more than the highest slot in use (score arrays of a query are this long). */
  get slotCount(): number {
    return this.bySlot.length;
  }

  upsert(expert: RankableExpert): void {
    this.remove(expert.expertId);
    const doc = indexExpert(expert);
    const slot = this.freeSlots.pop() ?? this.bySlot.length;
    if (slot >= this.lengths.length) {
      const grow = <A extends Float64Array | Uint8Array>(a: A, make: (n: number) => A): A => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.lengths = grow(this.lengths, (n) => new Float64Array(n));
      this.statics = grow(this.statics, (n) => new Float64Array(n));
      this.skillYears = grow(this.skillYears, (n) => new Float64Array(n));
      this.skillTail = grow(this.skillTail, (n) => new Uint8Array(n));
    }
    this.docs.set(doc.expertId, doc);
    this.slotOf.set(doc.expertId, slot);
    this.bySlot[slot] = doc;
    this.lengths[slot] = doc.length;
    this.statics[slot] = NaN;
    this.skillYears.fill(-Infinity, slot * SKILL_BITS, (slot + 1) * SKILL_BITS);
    doc.skills.forEach((s, i) => {
      const at = slot * SKILL_BITS + Math.min(i, SKILL_BITS - 1);
      this.skillYears[at] = Math.max(this.skillYears[at]!, s.lastPractised);
    });
    this.skillTail[slot] = Math.min(255, Math.max(0, doc.skills.length - (SKILL_BITS - 1)));
    this.totalLength += doc.length;
    for (const t of doc.tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const marks = new Map<string, number>();
    doc.skills.forEach((s, i) => {
      for (const k of s.keys) marks.set(k, (marks.get(k) ?? 0) | SKILL_KEY | (1 << (2 + Math.min(i, SKILL_BITS - 1))));
    });
    for (const d of doc.domains) for (const k of d.keys) marks.set(k, (marks.get(k) ?? 0) | DOMAIN_KEY);
    if (doc.skills.some((s) => s.keys.length === 0)) this.keyless.add(slot);
    const keys = [...new Set([...doc.tf.keys(), ...marks.keys()])];
    const positions = new Int32Array(keys.length);
    keys.forEach((t, i) => {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = new PostingList()));
      positions[i] = list.push(slot, doc.tf.get(t) ?? 0, marks.get(t) ?? 0, i);
    });
    this.placements[slot] = { keys, positions };
  }

  remove(expertId: string): void {
    const old = this.docs.get(expertId);
    if (!old) return;
    const slot = this.slotOf.get(expertId)!;
    this.docs.delete(expertId);
    this.slotOf.delete(expertId);
    this.totalLength -= old.length;
    for (const t of old.tf.keys()) {
      const n = (this.df.get(t) ?? 0) - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
    const { keys, positions } = this.placements[slot]!;
    keys.forEach((t, i) => {
      const list = this.postings.get(t)!;
      const at = positions[i]!;
      const moved = list.removeAt(at);
      if (moved) this.placements[moved.slot]!.positions[moved.key] = at;
      if (list.size === 0) this.postings.delete(t);
    });
    this.keyless.delete(slot);
    this.bySlot[slot] = undefined;
    this.placements[slot] = undefined;
    this.freeSlots.push(slot);
  }

  get(expertId: string): IndexedExpert | undefined {
    return this.docs.get(expertId);
  }

  /** The expert in a slot (undefined if free). */
  at(slot: number): IndexedExpert | undefined {
    return this.bySlot[slot];
  }

  /** Text length per slot (BM25's document length), read by the search without a lookup per posting. */
  get documentLengths(): Float64Array {
    return this.lengths;
  }

  /** Skill years per slot (see `skillYears`): the skills bound of a query reads them without touching the expert's object. */
  get skillYearsBySlot(): Float64Array {
    return this.skillYears;
  }

  /** How many skills of each slot share the last skill bit. */
  get skillTailBySlot(): Uint8Array {
    return this.skillTail;
  }

  /** The ranking's cache of query-independent factors per slot (NaN until it computes one). */
  get staticScores(): Float64Array {
    return this.statics;
  }

  /** Slots of experts that every query must consider (a skill without any key). */
  get alwaysCandidates(): ReadonlySet<number> {
    return this.keyless;
  }

  /** Track records come from the funnel, apart from profiles: an adoption does not re-analyse the text. */
  setTrackRecord(expertId: string, record: TrackRecord): void {
    this.trackRecords.set(expertId, record);
    const slot = this.slotOf.get(expertId);
    if (slot !== undefined) this.statics[slot] = NaN;
  }

  trackRecord(expertId: string): TrackRecord {
    return this.trackRecords.get(expertId) ?? NO_TRACK_RECORD;
  }

  /** Documents containing the term in their text (skills and domain keys do not count for BM25). */
  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** Experts whose text, skill keys or domain keys hold the term. */
  posting(term: string): PostingList | undefined {
    return this.postings.get(term);
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
