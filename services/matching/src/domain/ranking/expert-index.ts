import { createHash } from 'node:crypto';
import { normaliseEmployerName, type EmployerRestriction, type TermsAcceptance } from '../compliance/compliance';
import type { Tier } from '../expert/expert.events';
import { currentOrganisations, type Availability, type Employment, type Profile } from '../expert/profile';
import type { Analyzer } from './analyzer';

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

/**
 * The fields of a profile's text, each with its BM25F weight: a skill says exactly what someone does,
 * the expertise statement says it at length, the bio in passing. Domains are labels, not text: they
 * only re-rank (scoring.ts). A profile has no title of its own; its skills play that part.
 */
export const FIELDS = ['skills', 'expertise', 'bio', 'other'] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_WEIGHTS: Readonly<Record<Field, number>> = { skills: 3, expertise: 2, bio: 1, other: 0.7 };
const FIELD_COUNT = FIELDS.length;
/** Per posting entry, a term's frequency in each field, 8 bits each (saturated at 255), field i at bits 8i. */
const FREQ_BITS = 8;
const FREQ_MAX = 255;

const fieldTexts = (p: Profile): Record<Exclude<Field, 'skills'>, string> => ({
  expertise: [p.expertise?.en, p.expertise?.zh].filter(Boolean).join('\n'),
  bio: [p.bio?.en, p.bio?.zh].filter(Boolean).join('\n'),
  other: [...(p.certifications ?? []), ...(p.publications ?? [])].join('\n'),
});

export interface IndexedSkill {
  readonly name: string;
  readonly lastPractised: number;
  /** The skill's own terms: a query holding one of them matched the skill. */
  readonly terms: readonly string[];
}

export interface IndexedExpert {
  readonly expertId: string;
  readonly tier: Tier;
  readonly organisations: readonly string[];
  /** Every employment (current and past, with or without an organisation id): conflicts by id and by name. */
  readonly employers: readonly Employment[];
  /** The employers' names, normalised: a quick test before the conflict rules run. */
  readonly employerNames: readonly string[];
  readonly restrictions: readonly EmployerRestriction[];
  readonly terms: TermsAcceptance | undefined;
  /** Whom diversity counts them with: current organisation, else current employer, else themself. */
  readonly diversityKey: string;
  readonly availability: Availability | undefined;
  readonly skills: readonly IndexedSkill[];
  readonly domains: readonly { name: string; terms: readonly string[] }[];
}

/**
 * The experts holding one term, in one typed array of ENTRY-int entries (no object per entry, one
 * allocation per list): an expert's dense number (slot), the term's frequency per field (8 bits each)
 * and which of the expert's keys this entry is (so the expert's record of its position can follow a
 * move). Unordered: a removal moves the last entry into the hole.
 */
export const ENTRY = 3;
export class PostingList {
  data = new Int32Array(ENTRY);
  size = 0;

  push(slot: number, freqs: number, key: number): number {
    if ((this.size + 1) * ENTRY > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const at = this.size * ENTRY;
    this.data[at] = slot;
    this.data[at + 1] = freqs;
    this.data[at + 2] = key;
    return this.size++;
  }

  slotAt(i: number): number {
    return this.data[i * ENTRY]!;
  }

  freqsAt(i: number): number {
    return this.data[i * ENTRY + 1]! >>> 0;
  }

  /** Moves the last entry into `at` (the entry there leaves); returns the moved entry's slot and key index, or undefined if `at` was last. */
  removeAt(at: number): { slot: number; key: number } | undefined {
    const last = --this.size;
    if (at === last) return undefined;
    this.data.copyWithin(at * ENTRY, last * ENTRY, (last + 1) * ENTRY);
    return { slot: this.data[at * ENTRY]!, key: this.data[at * ENTRY + 2]! };
  }
}

/** Where an expert lives in the postings: their terms and their position in each term's list. */
interface Placement {
  readonly keys: readonly string[];
  readonly positions: Int32Array;
}

/**
 * An inverted index over expert profiles, kept in memory and updated one expert at a time. Field
 * lengths and document frequencies are maintained incrementally, so an upsert is visible to the next
 * query; `checksum` lets a test prove that an incrementally updated index equals a rebuilt one.
 * Each expert gets a dense number (a slot, reused after a removal) and postings are typed arrays of
 * slots, so a query accumulates scores in flat arrays indexed by slot. The analyzer (segmentation and
 * lexicon) is given: the same one must analyse the queries.
 */
export class ExpertIndex {
  private readonly docs = new Map<string, IndexedExpert>();
  private readonly slotOf = new Map<string, number>();
  private bySlot: (IndexedExpert | undefined)[] = [];
  private placements: (Placement | undefined)[] = [];
  /** Per slot, the length of each field in terms (slot * FIELD_COUNT + field). */
  private lengths = new Float32Array(16 * FIELD_COUNT);
  private readonly totalLengths = new Float64Array(FIELD_COUNT);
  /** Query-independent factors per slot, cached by the ranking (NaN: to compute); reset when the expert or their record changes. */
  private statics = new Float64Array(16);
  private readonly freeSlots: number[] = [];
  private readonly postings = new Map<string, PostingList>();
  private readonly trackRecords = new Map<string, TrackRecord>();
  /** Per organisation id, the normalised names experts gave it with (and how many did): conflicts by name. */
  private readonly names = new Map<string, Map<string, number>>();

  constructor(readonly analyzer: Analyzer) {}

  get size(): number {
    return this.docs.size;
  }

  /** Average length of each field (BM25F's length normalisation). */
  averageLength(field: number): number {
    return this.docs.size === 0 ? 1 : this.totalLengths[field]! / this.docs.size || 1;
  }

  /** One more than the highest slot in use (score arrays of a query are this long). */
  get slotCount(): number {
    return this.bySlot.length;
  }

  upsert(expert: RankableExpert): void {
    this.remove(expert.expertId);
    const { profile } = expert;
    const texts = fieldTexts(profile);
    const freqs = new Map<string, number>();
    const slot = this.freeSlots.pop() ?? this.bySlot.length;
    if (slot >= this.statics.length) {
      const lengths = new Float32Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
      const statics = new Float64Array(this.statics.length * 2);
      statics.set(this.statics);
      this.statics = statics;
    }
    // Skill names repeat across profiles (the analyzer keeps their terms); lines never share a phrase, so the field is the sum of its skills.
    const skillTerms = (profile.skills ?? []).map((s) => this.analyzer.terms(s.name));
    FIELDS.forEach((field, f) => {
      const terms = field === 'skills' ? skillTerms.flat() : this.analyzer.terms(texts[field]);
      this.lengths[slot * FIELD_COUNT + f] = terms.length;
      this.totalLengths[f]! += terms.length;
      for (const t of terms) {
        const packed = freqs.get(t) ?? 0;
        const n = (packed >>> (FREQ_BITS * f)) & FREQ_MAX;
        if (n < FREQ_MAX) freqs.set(t, packed + (1 << (FREQ_BITS * f)));
      }
    });
    const employers = profile.employers ?? [];
    const organisations = currentOrganisations(profile);
    const currentEmployer = employers.find((x) => x.to === undefined)?.employer;
    const doc: IndexedExpert = {
      expertId: expert.expertId,
      tier: expert.tier,
      organisations,
      employers,
      employerNames: employers.map((e) => normaliseEmployerName(e.employer)),
      restrictions: expert.restrictions ?? [],
      terms: expert.terms,
      diversityKey: organisations[0] ?? (currentEmployer ? `employer:${normaliseEmployerName(currentEmployer)}` : `expert:${expert.expertId}`),
      availability: profile.availability,
      skills: (profile.skills ?? []).map((s, i) => ({ name: s.name, lastPractised: s.lastPractised, terms: [...new Set(skillTerms[i])] })),
      domains: (profile.domains ?? []).map((d) => ({ name: d, terms: [...new Set(this.analyzer.terms(d))] })),
    };
    for (const e of employers) if (e.organisationId !== undefined) this.countName(e.organisationId, normaliseEmployerName(e.employer), 1);
    this.docs.set(doc.expertId, doc);
    this.slotOf.set(doc.expertId, slot);
    this.bySlot[slot] = doc;
    this.statics[slot] = NaN;
    const keys = [...freqs.keys()];
    const positions = new Int32Array(keys.length);
    keys.forEach((t, i) => {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = new PostingList()));
      positions[i] = list.push(slot, freqs.get(t)!, i);
    });
    this.placements[slot] = { keys, positions };
  }

  remove(expertId: string): void {
    const old = this.docs.get(expertId);
    if (!old) return;
    const slot = this.slotOf.get(expertId)!;
    this.docs.delete(expertId);
    this.slotOf.delete(expertId);
    for (let f = 0; f < FIELD_COUNT; f++) this.totalLengths[f]! -= this.lengths[slot * FIELD_COUNT + f]!;
    for (const e of old.employers) if (e.organisationId !== undefined) this.countName(e.organisationId, normaliseEmployerName(e.employer), -1);
    const { keys, positions } = this.placements[slot]!;
    keys.forEach((t, i) => {
      const list = this.postings.get(t)!;
      const at = positions[i]!;
      const moved = list.removeAt(at);
      if (moved) this.placements[moved.slot]!.positions[moved.key] = at;
      if (list.size === 0) this.postings.delete(t);
    });
    this.bySlot[slot] = undefined;
    this.placements[slot] = undefined;
    this.freeSlots.push(slot);
  }

  private countName(organisationId: string, name: string, delta: number): void {
    if (name === '') return;
    let names = this.names.get(organisationId);
    if (!names) this.names.set(organisationId, (names = new Map()));
    const n = (names.get(name) ?? 0) + delta;
    if (n > 0) names.set(name, n);
    else names.delete(name);
  }

  /** The names experts gave an organisation when they named its id: how it is recognised when named without one. */
  namesOf(organisationId: string): string[] {
    return [...(this.names.get(organisationId)?.keys() ?? [])];
  }

  get(expertId: string): IndexedExpert | undefined {
    return this.docs.get(expertId);
  }

  slot(expertId: string): number | undefined {
    return this.slotOf.get(expertId);
  }

  /** The expert in a slot (undefined if free). */
  at(slot: number): IndexedExpert | undefined {
    return this.bySlot[slot];
  }

  /** Field lengths per slot (slot * FIELDS.length + field), read by the search without a lookup per posting. */
  get fieldLengths(): Float32Array {
    return this.lengths;
  }

  /** The ranking's cache of query-independent factors per slot (NaN until it computes one). */
  get staticScores(): Float64Array {
    return this.statics;
  }

  /** A term's packed field frequencies in one expert's profile (0 if absent): the exhaustive scoring reads these. */
  frequencies(slot: number, term: string): number {
    const placement = this.placements[slot];
    if (!placement) return 0;
    const i = placement.keys.indexOf(term);
    return i < 0 ? 0 : this.postings.get(term)!.freqsAt(placement.positions[i]!);
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

  /** Profiles holding the term in any field: BM25's df. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

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
      const slot = this.slotOf.get(id)!;
      const { keys } = this.placements[slot]!;
      const terms = [...keys].sort().map((t) => `${t}=${this.frequencies(slot, t)}`);
      h.update(JSON.stringify({ ...this.docs.get(id)!, terms, lengths: [...this.lengths.subarray(slot * FIELD_COUNT, (slot + 1) * FIELD_COUNT)] }));
    }
    for (const id of [...this.trackRecords.keys()].sort()) h.update(`tr:${id}:${JSON.stringify(this.trackRecords.get(id))}`);
    return h.update(`len:${[...this.totalLengths].join(',')}`).digest('hex');
  }
}

/** BM25F's pseudo-frequency of a term in one profile: each field's frequency weighted and normalised by the field's length. */
export function pseudoFrequency(freqs: number, lengths: Float32Array, slot: number, avg: Float64Array, b: number): number {
  let sum = 0;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const n = (freqs >>> (FREQ_BITS * f)) & FREQ_MAX;
    if (n !== 0) sum += (FIELD_WEIGHT_LIST[f]! * n) / (1 - b + (b * lengths[slot * FIELD_COUNT + f]!) / avg[f]!);
  }
  return sum;
}
const FIELD_WEIGHT_LIST = FIELDS.map((f) => FIELD_WEIGHTS[f]);
