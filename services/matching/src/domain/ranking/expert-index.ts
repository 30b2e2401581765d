import { createHash } from 'node:crypto';
import { normaliseEmployerName, type EmployerRestriction, type TermsAcceptance } from '../compliance/compliance';
import type { Tier } from '../expert/expert.events';
import { currentOrganisations, type Availability, type Employment, type Profile } from '../expert/profile';
import type { Analyzer } from './analyzer';
import { capacityFor, grown } from '../text-index/growable';
import { ExpertColumns, type ExpertColumnsState } from './expert-columns';
import { InvertedIndex, type InvertedIndexState } from '../text-index/inverted-index';
import { ITEMS_PER_STEP, runSteps, type Steps } from '../text-index/steps';
import type { PostingBlock } from '../text-index/posting-pool';

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
  readonly domains: readonly IndexedDomain[];
}

export interface IndexedDomain {
  readonly name: string;
  readonly terms: readonly string[];
}

interface LabelTerms {
  readonly all: readonly string[];
  readonly distinct: readonly string[];
  /** `all`'s term ids in this index's dictionary, once interned: a skill name repeated across profiles is interned once. */
  ids?: Int32Array;
}
/** Per-profile lists that are usually empty share this one (never modified). */
const NONE: readonly never[] = Object.freeze([]);
/** Labels' terms and employer names kept for sharing (cleared past this many). */
const LABELS_KEPT = 100_000;

/** What a snapshot holds of an expert index: the core's arrays, the experts' columns by slot, the track records. */
export interface ExpertIndexState {
  readonly core: InvertedIndexState;
  readonly experts: ExpertColumnsState;
  readonly trackRecords: readonly (readonly [string, TrackRecord])[];
}

/**
 * An inverted index over expert profiles, kept in memory and updated one expert at a time, on the
 * shared compact core (`InvertedIndex`, decision 0029): terms interned to ints, postings of (slot,
 * per-field frequencies packed 8 bits each) in pooled int32 pages, field lengths per slot. Field
 * lengths and document frequencies are maintained incrementally, so an upsert is visible to the next
 * query; `checksum` lets a test prove that an incrementally updated index equals a rebuilt one. An
 * upsert takes a new slot and retires the old one (the core compacts when retired slots dominate),
 * so a query accumulates scores in flat arrays indexed by slot. The analyzer (segmentation and
 * lexicon) is given: the same one must analyse the queries.
 */
export class ExpertIndex {
  private core = new InvertedIndex(FIELD_COUNT);
  /** What the ranking reads of each expert besides the text, by slot (an `IndexedExpert` is made from them when asked for). */
  private columns = new ExpertColumns();
  /** Query-independent factors per slot, cached by the ranking (NaN: to compute); reset when the expert or their record changes. */
  private statics = new Float64Array(16);
  private readonly trackRecords = new Map<string, TrackRecord>();
  /** Per organisation id, the normalised names experts gave it with (and how many did): conflicts by name. */
  private readonly names = new Map<string, Map<string, number>>();
  /** Scratch of `upsert`: per term id, the packed field frequencies of the profile being indexed (all 0 between upserts). */
  private packed = new Uint32Array(1024);
  private readonly labels = new Map<string, LabelTerms>();
  private readonly employerNames = new Map<string, string>();
  private readonly distinctTerms = (label: string): readonly string[] => this.termsOfLabel(label).distinct;

  constructor(readonly analyzer: Analyzer) {}

  /** An index as a snapshot held it (see `state`): no text is analysed again. */
  static from(analyzer: Analyzer, s: ExpertIndexState): ExpertIndex {
    return runSteps(ExpertIndex.restoring(analyzer, s));
  }

  /** `from` in steps (`runStepsInTurns`: a snapshot load yields to the event loop between them). */
  static *restoring(analyzer: Analyzer, s: ExpertIndexState): Steps<ExpertIndex> {
    const index = new ExpertIndex(analyzer);
    index.core = yield* InvertedIndex.restoring(s.core);
    index.columns = yield* ExpertColumns.restoring(s.experts);
    for (const [id, record] of s.trackRecords) index.trackRecords.set(id, record);
    yield;
    for (let slot = 0; slot < index.core.slotCount; slot++) {
      if (index.core.liveSlots[slot]) index.countNames(slot, 1);
      if (slot % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    }
    index.statics = new Float64Array(Math.max(16, index.core.slotCount)).fill(NaN);
    return index;
  }

  state(): ExpertIndexState {
    return { core: this.core.state(), experts: this.columns.state(this.core.slotCount), trackRecords: [...this.trackRecords] };
  }

  get size(): number {
    return this.core.size;
  }

  /** Average length of each field (BM25F's length normalisation). */
  averageLength(field: number): number {
    return this.core.averageLength(field);
  }

  /** One more than the highest slot in use (score arrays of a query are this long). */
  get slotCount(): number {
    return this.core.slotCount;
  }

  upsert(expert: RankableExpert): void {
    this.remove(expert.expertId);
    const { profile } = expert;
    const texts = fieldTexts(profile);
    const skills = profile.skills ?? [];
    // Skill names and domain labels repeat across profiles: their terms are shared (see `termsOfLabel`).
    const skillTerms = skills.map((s) => this.termsOfLabel(s.name));
    // Per term, the frequency in each field packed 8 bits each, counted by term id in a scratch array (`touched`: the ids in first-seen order).
    const lengths: number[] = [];
    const touched: number[] = [];
    FIELDS.forEach((field, f) => {
      const one = 1 << (FREQ_BITS * f);
      const count = (id: number) => {
        if (id >= this.packed.length) this.packed = grown(this.packed, capacityFor(this.packed.length, id + 1));
        const packed = this.packed[id]!;
        if (packed === 0) touched.push(id);
        if (((packed >>> (FREQ_BITS * f)) & FREQ_MAX) < FREQ_MAX) this.packed[id] = packed + one;
      };
      if (field === 'skills') {
        let length = 0;
        for (const label of skillTerms) {
          const ids = (label.ids ??= Int32Array.from(label.all, (t) => this.core.intern(t)));
          for (let i = 0; i < ids.length; i++) count(ids[i]!);
          length += ids.length;
        }
        lengths.push(length);
      } else {
        const terms = this.analyzer.terms(texts[field]);
        lengths.push(terms.length);
        for (const t of terms) count(this.core.intern(t));
      }
    });
    const termIds = new Int32Array(touched.length);
    const values = new Int32Array(touched.length);
    touched.forEach((id, i) => {
      termIds[i] = id;
      values[i] = this.packed[id]!;
      this.packed[id] = 0;
    });
    const slot = this.core.add(expert.expertId, termIds, values, lengths);
    this.columns.add(slot, {
      tier: expert.tier,
      availability: profile.availability,
      skills: skills.map((s) => ({ label: this.columns.skillLabel(s.name, this.distinctTerms), lastPractised: s.lastPractised })),
      domains: (profile.domains ?? []).map((d) => this.columns.domainLabel(d, this.distinctTerms)),
      employments: (profile.employers ?? []).map((e) => this.columns.employment(e)),
      terms: expert.terms,
      restrictions: expert.restrictions ?? NONE,
    });
    this.countNames(slot, 1);
    if (slot >= this.statics.length) this.statics = grown(this.statics, capacityFor(this.statics.length, slot + 1));
    this.statics[slot] = NaN;
    if (this.core.compactionDue) this.compact();
  }

  /** A label's terms (a skill name, a domain): all of them with repeats, and the distinct ones as the dictionary's own strings, shared by every profile giving it. */
  private termsOfLabel(text: string): LabelTerms {
    let found = this.labels.get(text);
    if (!found) {
      const all = this.analyzer.terms(text);
      found = { all, distinct: [...new Set(all)] };
      if (this.labels.size >= LABELS_KEPT) this.labels.clear();
      this.labels.set(text, found);
    }
    return found;
  }

  /** An employer's normalised name, one string per name (employers repeat across profiles). */
  private employerName(employer: string): string {
    let found = this.employerNames.get(employer);
    if (found === undefined) {
      found = normaliseEmployerName(employer);
      if (this.employerNames.size >= LABELS_KEPT) this.employerNames.clear();
      this.employerNames.set(employer, found);
    }
    return found;
  }

  remove(expertId: string): void {
    const slot = this.core.slot(expertId);
    if (slot === undefined) return;
    this.countNames(slot, -1);
    this.core.remove(expertId);
    this.columns.retire(slot);
  }

  /** Renumbers the live slots (the core rebuilds its postings) and moves the per-slot data along. */
  private compact(): void {
    const renumbered = this.core.compact();
    this.columns.compact(renumbered);
    const statics = new Float64Array(Math.max(16, this.core.slotCount));
    renumbered.forEach((to, from) => {
      if (to >= 0) statics[to] = this.statics[from]!;
    });
    this.statics = statics;
  }

  private countNames(slot: number, delta: number): void {
    for (const e of this.columns.employmentsOf(slot)) if (e.organisationId !== undefined) this.countName(e.organisationId, this.employerName(e.employer), delta);
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
    const slot = this.core.slot(expertId);
    return slot === undefined ? undefined : this.at(slot);
  }

  slot(expertId: string): number | undefined {
    return this.core.slot(expertId);
  }

  /**
   * The expert in a slot (undefined if retired), made from the columns on each call: what the ranking
   * reads of the candidates it scores. Its derived lists (current organisations, normalised employer
   * names, the diversity key) are worked out here as `upsert` used to store them.
   */
  at(slot: number): IndexedExpert | undefined {
    const expertId = slot < this.core.slotCount && this.core.liveSlots[slot] === 1 ? this.core.idAt(slot) : undefined;
    if (expertId === undefined) return undefined;
    const c = this.columns;
    const employers = c.employmentsOf(slot);
    const organisations = currentOrganisations({ employers });
    const currentEmployer = employers.find((x) => x.to === undefined)?.employer;
    return {
      expertId,
      tier: c.tier(slot),
      organisations: organisations.length === 0 ? NONE : organisations,
      employers: employers.length === 0 ? NONE : employers,
      employerNames: employers.length === 0 ? NONE : employers.map((e) => this.employerName(e.employer)),
      restrictions: c.restrictionsOf(slot) ?? NONE,
      terms: c.termsOf(slot),
      diversityKey: organisations[0] ?? (currentEmployer ? `employer:${this.employerName(currentEmployer)}` : `expert:${expertId}`),
      availability: c.availability(slot),
      skills: c.skillsOf(slot),
      domains: c.domainsOf(slot),
    };
  }

  /** The expert id, tier and availability of a live slot, read without making the expert (the ranking's static priors). */
  idAt(slot: number): string | undefined {
    return this.core.idAt(slot);
  }

  tierAt(slot: number): Tier {
    return this.columns.tier(slot);
  }

  availabilityAt(slot: number): Availability | undefined {
    return this.columns.availability(slot);
  }

  /** 1 per live slot: the postings search skips retired ones. */
  get liveSlots(): Uint8Array {
    return this.core.liveSlots;
  }

  /** Field lengths per slot (slot * FIELDS.length + field), read by the search without a lookup per posting. */
  get fieldLengths(): Float32Array {
    return this.core.fieldLengths;
  }

  /** The ranking's cache of query-independent factors per slot (NaN until it computes one). */
  get staticScores(): Float64Array {
    return this.statics;
  }

  /** A term's packed field frequencies in one expert's profile (0 if absent): the exhaustive scoring reads these. */
  frequencies(slot: number, term: string): number {
    const id = this.core.termId(term);
    return id === undefined ? 0 : this.core.value(slot, id) >>> 0;
  }

  /** Track records come from the funnel, apart from profiles: an adoption does not re-analyse the text. */
  setTrackRecord(expertId: string, record: TrackRecord): void {
    this.trackRecords.set(expertId, record);
    const slot = this.core.slot(expertId);
    if (slot !== undefined) this.statics[slot] = NaN;
  }

  trackRecord(expertId: string): TrackRecord {
    return this.trackRecords.get(expertId) ?? NO_TRACK_RECORD;
  }

  /** Profiles holding the term in any field: BM25's df. */
  documentFrequency(term: string): number {
    const id = this.core.termId(term);
    return id === undefined ? 0 : this.core.documentFrequency(id);
  }

  /** The term's postings, (slot, packed frequencies) pairs in runs, retired slots included (skip them by `liveSlots`). */
  postings(term: string): PostingBlock[] {
    const id = this.core.termId(term);
    return id === undefined ? [] : this.core.postings(id);
  }

  /** Every expert (the naive scan the bench compares against). */
  all(): IndexedExpert[] {
    const out: IndexedExpert[] = [];
    for (let slot = 0; slot < this.core.slotCount; slot++) {
      const doc = this.at(slot);
      if (doc) out.push(doc);
    }
    return out;
  }

  checksum(): string {
    const h = createHash('sha256');
    for (const doc of this.all().sort((a, b) => (a.expertId < b.expertId ? -1 : 1))) {
      const slot = this.core.slot(doc.expertId)!;
      const fwd = this.core.forward(slot);
      const frequencies = Array.from(fwd.terms.subarray(fwd.from, fwd.to), (t, j) => `${this.core.term(t)}=${fwd.values[fwd.from + j]! >>> 0}`).sort();
      h.update(JSON.stringify({ ...doc, frequencies, lengths: [...this.core.fieldLengths.subarray(slot * FIELD_COUNT, (slot + 1) * FIELD_COUNT)] }));
    }
    for (const id of [...this.trackRecords.keys()].sort()) h.update(`tr:${id}:${JSON.stringify(this.trackRecords.get(id))}`);
    return h.update(`len:${Array.from(FIELDS, (_, f) => this.core.averageLength(f) * this.core.size).join(',')}`).digest('hex');
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
