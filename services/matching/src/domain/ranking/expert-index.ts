import { createHash } from 'node:crypto';
import { normaliseEmployerName, type EmployerRestriction, type TermsAcceptance } from '../compliance/compliance';
import type { Tier } from '../expert/expert.events';
import { currentOrganisations, type Availability, type Employment, type Profile } from '../expert/profile';
import type { Analyzer } from './analyzer';
import { capacityFor, grown } from '../text-index/growable';
import { InvertedIndex, type InvertedIndexState } from '../text-index/inverted-index';
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
}
/** Per-profile lists that are usually empty share this one (never modified). */
const NONE: readonly never[] = Object.freeze([]);
/** Labels, domains and employer names kept for sharing (cleared past this many). */
const LABELS_KEPT = 100_000;

/** What a snapshot holds of an expert index: the core's arrays, the experts by slot, the track records. */
export interface ExpertIndexState {
  readonly core: InvertedIndexState;
  readonly docs: readonly (IndexedExpert | null)[];
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
  private docs: (IndexedExpert | undefined)[] = [];
  /** Query-independent factors per slot, cached by the ranking (NaN: to compute); reset when the expert or their record changes. */
  private statics = new Float64Array(16);
  private readonly trackRecords = new Map<string, TrackRecord>();
  /** Per organisation id, the normalised names experts gave it with (and how many did): conflicts by name. */
  private readonly names = new Map<string, Map<string, number>>();
  /** Scratch of `upsert`: per term id, the packed field frequencies of the profile being indexed (all 0 between upserts). */
  private packed = new Uint32Array(1024);
  private readonly labels = new Map<string, LabelTerms>();
  private readonly domainObjects = new Map<string, IndexedDomain>();
  private readonly employerNames = new Map<string, string>();
  private readonly snapshotSkillTerms = new Map<string, readonly string[]>();
  private readonly strings = new Map<string, string>();

  constructor(readonly analyzer: Analyzer) {}

  /** An index as a snapshot held it (see `state`): no text is analysed again. */
  static from(analyzer: Analyzer, s: ExpertIndexState): ExpertIndex {
    const restoring = ExpertIndex.restoring(analyzer, s.core, s.trackRecords);
    restoring.add(s.docs);
    return restoring.done();
  }

  /**
   * `from` in steps: the core and track records first, then the docs a batch at a time (a snapshot's
   * sections, each parsed, shared and let go before the next), then `done`.
   */
  static restoring(analyzer: Analyzer, core: InvertedIndexState, trackRecords: ExpertIndexState['trackRecords']): { add(docs: readonly (IndexedExpert | null)[]): void; done(): ExpertIndex } {
    const index = new ExpertIndex(analyzer);
    index.core = InvertedIndex.from(core);
    for (const [id, record] of trackRecords) index.trackRecords.set(id, record);
    return {
      add: (docs) => {
        for (const d of docs) {
          const doc = d ? index.shared(d) : undefined;
          index.docs.push(doc);
          if (doc) index.countNames(doc, 1);
        }
      },
      done: () => {
        index.statics = new Float64Array(Math.max(16, index.docs.length)).fill(NaN);
        index.snapshotSkillTerms.clear();
            return index;
      },
    };
  }

  /** A doc read back from a snapshot, its repeated parts replaced by the ones other docs share (as `upsert` shares them): the same values, less memory. */
  private shared(d: IndexedExpert): IndexedExpert {
    return {
      ...d,
      organisations: d.organisations.length === 0 ? NONE : d.organisations.map((o) => this.sharedString(o)),
      employers: d.employers.length === 0 ? NONE : d.employers.map((e) => this.sharedEmployment(e)),
      diversityKey: this.sharedString(d.diversityKey),
      employerNames: d.employerNames.length === 0 ? NONE : d.employerNames.map((n) => this.sharedString(n)),
      restrictions: d.restrictions.length === 0 ? NONE : d.restrictions,
      skills: d.skills.map((x) => ({ ...x, name: this.sharedString(x.name), terms: this.sharedSkillTerms(x.name, x.terms) })),
      domains: d.domains.map((x) => {
        let found = this.domainObjects.get(x.name);
        if (!found) this.domainObjects.set(x.name, (found = { name: x.name, terms: x.terms }));
        return found;
      }),
    };
  }

  /** Per skill name, its terms as the first doc read back held them (a snapshot's docs only: `upsert` shares through `termsOfLabel`). */
  private sharedSkillTerms(name: string, terms: readonly string[]): readonly string[] {
    let found = this.snapshotSkillTerms.get(name);
    if (!found) this.snapshotSkillTerms.set(name, (found = terms));
    return found;
  }

  /** One string per value for the values profiles repeat (employers, organisation ids, dates, skill names), up to LABELS_KEPT of them. */
  private sharedString(s: string): string {
    let found = this.strings.get(s);
    if (found === undefined) {
      if (this.strings.size >= LABELS_KEPT) this.strings.clear();
      this.strings.set(s, (found = s));
    }
    return found;
  }

  /** An employment with its strings shared (same fields, same order, same values). */
  private sharedEmployment(e: Employment): Employment {
    return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, typeof v === 'string' ? this.sharedString(v) : v])) as unknown as Employment;
  }

  state(): ExpertIndexState {
    return { core: this.core.state(), docs: this.docs.map((d) => d ?? null), trackRecords: [...this.trackRecords] };
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
    const employers = (profile.employers ?? []).map((e) => this.sharedEmployment(e));
    const organisations = currentOrganisations({ employers });
    const currentEmployer = employers.find((x) => x.to === undefined)?.employer;
    const doc: IndexedExpert = {
      expertId: expert.expertId,
      tier: expert.tier,
      organisations: organisations.length === 0 ? NONE : organisations,
      employers: employers.length === 0 ? NONE : employers,
      employerNames: employers.length === 0 ? NONE : employers.map((e) => this.employerName(e.employer)),
      restrictions: expert.restrictions && expert.restrictions.length > 0 ? expert.restrictions : NONE,
      terms: expert.terms,
      diversityKey: organisations[0] ?? (currentEmployer ? `employer:${this.employerName(currentEmployer)}` : `expert:${expert.expertId}`),
      availability: profile.availability,
      skills: skills.map((s, i) => ({ name: this.sharedString(s.name), lastPractised: s.lastPractised, terms: skillTerms[i]!.distinct })),
      domains: (profile.domains ?? []).map((d) => this.domainOf(d)),
    };
    this.countNames(doc, 1);
    // Per term, the frequency in each field packed 8 bits each, counted by term id in a scratch array (`touched`: the ids in first-seen order).
    const lengths: number[] = [];
    const touched: number[] = [];
    FIELDS.forEach((field, f) => {
      const terms = field === 'skills' ? skillTerms.flatMap((t) => t.all) : this.analyzer.terms(texts[field]);
      lengths.push(terms.length);
      const one = 1 << (FREQ_BITS * f);
      for (const t of terms) {
        const id = this.core.intern(t);
        if (id >= this.packed.length) this.packed = grown(this.packed, capacityFor(this.packed.length, id + 1));
        const packed = this.packed[id]!;
        if (packed === 0) touched.push(id);
        if (((packed >>> (FREQ_BITS * f)) & FREQ_MAX) < FREQ_MAX) this.packed[id] = packed + one;
      }
    });
    const termIds = new Int32Array(touched.length);
    const values = new Int32Array(touched.length);
    touched.forEach((id, i) => {
      termIds[i] = id;
      values[i] = this.packed[id]!;
      this.packed[id] = 0;
    });
    const slot = this.core.add(doc.expertId, termIds, values, lengths);
    if (slot >= this.statics.length) this.statics = grown(this.statics, capacityFor(this.statics.length, slot + 1));
    this.docs[slot] = doc;
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

  /** A domain label as profiles hold it: one shared object per label (never modified). */
  private domainOf(name: string): IndexedDomain {
    let found = this.domainObjects.get(name);
    if (!found) {
      found = { name, terms: this.termsOfLabel(name).distinct };
      if (this.domainObjects.size >= LABELS_KEPT) this.domainObjects.clear();
      this.domainObjects.set(name, found);
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
    const slot = this.core.remove(expertId);
    if (slot === undefined) return;
    this.countNames(this.docs[slot]!, -1);
    this.docs[slot] = undefined;
  }

  /** Renumbers the live slots (the core rebuilds its postings) and moves the per-slot data along. */
  private compact(): void {
    const renumbered = this.core.compact();
    const docs: (IndexedExpert | undefined)[] = [];
    const statics = new Float64Array(Math.max(16, this.core.slotCount));
    renumbered.forEach((to, from) => {
      if (to < 0) return;
      docs[to] = this.docs[from];
      statics[to] = this.statics[from]!;
    });
    this.docs = docs;
    this.statics = statics;
  }

  private countNames(doc: IndexedExpert, delta: number): void {
    doc.employers.forEach((e, i) => {
      if (e.organisationId !== undefined) this.countName(e.organisationId, doc.employerNames[i]!, delta);
    });
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
    return slot === undefined ? undefined : this.docs[slot];
  }

  slot(expertId: string): number | undefined {
    return this.core.slot(expertId);
  }

  /** The expert in a slot (undefined if retired). */
  at(slot: number): IndexedExpert | undefined {
    return this.docs[slot];
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
    return this.docs.filter((d): d is IndexedExpert => d !== undefined);
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
