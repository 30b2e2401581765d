import type { EmployerRestriction, TermsAcceptance } from '../compliance/compliance';
import { TIERS, type Tier } from '../expert/expert.events';
import { AVAILABILITIES, type Availability, type Employment } from '../expert/profile';
import { capacityFor, grown } from '../text-index/growable';
import type { Steps } from '../text-index/steps';

/** A label profiles share (a skill name, a domain) with its distinct terms: one per label, never modified. */
export interface Label {
  readonly name: string;
  readonly terms: readonly string[];
}

/** What one slot holds, as `ExpertColumns.add` takes it and `ExpertColumns` gives it back. */
export interface ExpertRow {
  readonly tier: Tier;
  readonly availability: Availability | undefined;
  /** Per skill, its label id (`skillLabel`) and the year it was last practised. */
  readonly skills: readonly { readonly label: number; readonly lastPractised: number }[];
  readonly domains: readonly number[];
  readonly employments: readonly number[];
  readonly terms: TermsAcceptance | undefined;
  readonly restrictions: readonly EmployerRestriction[];
}

/** What a snapshot holds of the columns: the arrays, the shared tables and the rare per-slot values. */
export interface ExpertColumnsState {
  readonly codes: Uint8Array;
  readonly skillStart: Int32Array;
  readonly skillLabels: Int32Array;
  readonly skillYears: Float64Array;
  readonly domainStart: Int32Array;
  readonly domainIds: Int32Array;
  readonly employmentStart: Int32Array;
  readonly employmentIds: Int32Array;
  readonly tables: { readonly skills: readonly Label[]; readonly domains: readonly Label[]; readonly employments: readonly Employment[] };
  readonly terms: readonly (readonly [number, TermsAcceptance])[];
  readonly restrictions: readonly (readonly [number, readonly EmployerRestriction[]])[];
}

/** A growable list of ids per slot: slot s holds ids[start[s] .. start[s + 1]) (slots are appended in order). */
class Ranges<T extends Int32Array | Float64Array> {
  constructor(
    public start: Int32Array,
    public values: T,
  ) {}

  push(slot: number, n: number): number {
    if (slot + 2 > this.start.length) this.start = grown(this.start, capacityFor(this.start.length, slot + 2));
    const at = this.start[slot]!;
    if (at + n > this.values.length) this.values = grown(this.values, capacityFor(this.values.length, at + n));
    this.start[slot + 1] = at + n;
    return at;
  }
}

/**
 * The per-expert data the ranking reads besides the text (tier, availability, skills with their years,
 * domains, employments, terms, restrictions), in columns by slot instead of one object graph per expert
 * (decision 0054): an object per expert, per skill and per employment, with the arrays holding them,
 * was ~130 MB of heap at 200,000 profiles, and what the snapshot wrote as JSON. Skill names, domains and
 * employments are values profiles repeat: each is kept once in a table and a slot holds ids into it.
 * Terms and restrictions are objects the registry gives (rare for restrictions): kept as given, by slot.
 * Slots follow the core's (appended in order, retired ones kept until `compact`).
 */
export class ExpertColumns {
  /** Per slot: tier index in the low 2 bits, availability index + 1 (0: none) above. */
  private codes: Uint8Array = new Uint8Array(1024);
  private skills = new Ranges<Int32Array>(new Int32Array(1025), new Int32Array(4096));
  private years: Float64Array = new Float64Array(4096);
  private domains = new Ranges<Int32Array>(new Int32Array(1025), new Int32Array(2048));
  private employments = new Ranges<Int32Array>(new Int32Array(1025), new Int32Array(2048));
  private terms = new Map<number, TermsAcceptance>();
  private restrictions = new Map<number, readonly EmployerRestriction[]>();
  private skillTable: Label[] = [];
  private domainTable: Label[] = [];
  private employmentTable: Employment[] = [];
  private readonly skillIds = new Map<string, number>();
  private readonly domainIds = new Map<string, number>();
  private readonly employmentIds = new Map<string, number>();

  /** The columns a snapshot held (its arrays used as they are), a table at a time. */
  static *restoring(s: ExpertColumnsState): Steps<ExpertColumns> {
    const c = new ExpertColumns();
    c.codes = grown(s.codes, Math.max(1024, s.codes.length));
    c.skills = new Ranges(grown(s.skillStart, Math.max(1025, s.skillStart.length)), s.skillLabels);
    c.years = s.skillYears;
    c.domains = new Ranges(grown(s.domainStart, Math.max(1025, s.domainStart.length)), s.domainIds);
    c.employments = new Ranges(grown(s.employmentStart, Math.max(1025, s.employmentStart.length)), s.employmentIds);
    c.terms = new Map(s.terms);
    c.restrictions = new Map(s.restrictions);
    c.skillTable = [...s.tables.skills];
    c.skillTable.forEach((l, id) => c.skillIds.set(l.name, id));
    yield;
    c.domainTable = [...s.tables.domains];
    c.domainTable.forEach((l, id) => c.domainIds.set(l.name, id));
    c.employmentTable = [...s.tables.employments];
    c.employmentTable.forEach((e, id) => c.employmentIds.set(employmentKey(e), id));
    yield;
    return c;
  }

  /** The columns of slots 0 .. slots - 1 (views, no copies). */
  state(slots: number): ExpertColumnsState {
    const cut = <T extends Int32Array | Float64Array>(r: Ranges<T>, values: T) => ({ start: r.start.subarray(0, slots + 1), values: values.subarray(0, r.start[slots]!) as T });
    const skills = cut(this.skills, this.skills.values);
    const domains = cut(this.domains, this.domains.values);
    const employments = cut(this.employments, this.employments.values);
    return {
      codes: this.codes.subarray(0, slots),
      skillStart: skills.start,
      skillLabels: skills.values,
      skillYears: this.years.subarray(0, this.skills.start[slots]!),
      domainStart: domains.start,
      domainIds: domains.values,
      employmentStart: employments.start,
      employmentIds: employments.values,
      tables: { skills: this.skillTable, domains: this.domainTable, employments: this.employmentTable },
      terms: [...this.terms],
      restrictions: [...this.restrictions],
    };
  }

  /** The id of a skill label (its terms computed once, by `terms`, when new). */
  skillLabel(name: string, terms: (name: string) => readonly string[]): number {
    return intern(this.skillIds, this.skillTable, name, () => ({ name, terms: terms(name) }));
  }

  domainLabel(name: string, terms: (name: string) => readonly string[]): number {
    return intern(this.domainIds, this.domainTable, name, () => ({ name, terms: terms(name) }));
  }

  /** The id of an employment, by value: kept with its fields in one order (the conflict rules read them by name). */
  employment(e: Employment): number {
    return intern(this.employmentIds, this.employmentTable, employmentKey(e), () => ({
      employer: e.employer,
      ...(e.organisationId !== undefined ? { organisationId: e.organisationId } : {}),
      from: e.from,
      ...(e.to !== undefined ? { to: e.to } : {}),
    }));
  }

  /** Fills the next slot (slots are added in order, `slot` is the core's new one). */
  add(slot: number, row: ExpertRow): void {
    if (slot + 1 > this.codes.length) this.codes = grown(this.codes, capacityFor(this.codes.length, slot + 1));
    this.codes[slot] = TIERS.indexOf(row.tier) | ((row.availability === undefined ? 0 : AVAILABILITIES.indexOf(row.availability) + 1) << 2);
    let at = this.skills.push(slot, row.skills.length);
    if (this.skills.values.length > this.years.length) this.years = grown(this.years, this.skills.values.length);
    for (const s of row.skills) {
      this.skills.values[at] = s.label;
      this.years[at++] = s.lastPractised;
    }
    at = this.domains.push(slot, row.domains.length);
    for (const d of row.domains) this.domains.values[at++] = d;
    at = this.employments.push(slot, row.employments.length);
    for (const e of row.employments) this.employments.values[at++] = e;
    if (row.terms !== undefined) this.terms.set(slot, row.terms);
    if (row.restrictions.length > 0) this.restrictions.set(slot, row.restrictions);
  }

  /** Lets go of what a retired slot held by reference (its ids stay until `compact`). */
  retire(slot: number): void {
    this.terms.delete(slot);
    this.restrictions.delete(slot);
  }

  tier(slot: number): Tier {
    return TIERS[this.codes[slot]! & 3]!;
  }

  availability(slot: number): Availability | undefined {
    const code = this.codes[slot]! >> 2;
    return code === 0 ? undefined : AVAILABILITIES[code - 1];
  }

  skillsOf(slot: number): { name: string; lastPractised: number; terms: readonly string[] }[] {
    const out = [];
    for (let j = this.skills.start[slot]!, end = this.skills.start[slot + 1]!; j < end; j++) {
      const label = this.skillTable[this.skills.values[j]!]!;
      out.push({ name: label.name, lastPractised: this.years[j]!, terms: label.terms });
    }
    return out;
  }

  domainsOf(slot: number): Label[] {
    const out = [];
    for (let j = this.domains.start[slot]!, end = this.domains.start[slot + 1]!; j < end; j++) out.push(this.domainTable[this.domains.values[j]!]!);
    return out;
  }

  employmentsOf(slot: number): Employment[] {
    const out = [];
    for (let j = this.employments.start[slot]!, end = this.employments.start[slot + 1]!; j < end; j++) out.push(this.employmentTable[this.employments.values[j]!]!);
    return out;
  }

  termsOf(slot: number): TermsAcceptance | undefined {
    return this.terms.get(slot);
  }

  restrictionsOf(slot: number): readonly EmployerRestriction[] | undefined {
    return this.restrictions.get(slot);
  }

  /** Moves the live slots to their new numbers (-1: retired) and keeps only the table entries they use. */
  compact(renumbered: Int32Array): void {
    const fresh = new ExpertColumns();
    const skillIds = new Map<number, number>();
    const domainIds = new Map<number, number>();
    const employmentIds = new Map<number, number>();
    const keep = <T>(ids: Map<number, number>, from: readonly T[], to: T[], id: number) => {
      let kept = ids.get(id);
      if (kept === undefined) ids.set(id, (kept = to.push(from[id]!) - 1));
      return kept;
    };
    renumbered.forEach((to, from) => {
      if (to < 0) return;
      const skills = [];
      for (let j = this.skills.start[from]!; j < this.skills.start[from + 1]!; j++) skills.push({ label: keep(skillIds, this.skillTable, fresh.skillTable, this.skills.values[j]!), lastPractised: this.years[j]! });
      const ids = (r: Ranges<Int32Array>, map: Map<number, number>, table: readonly unknown[], into: unknown[]) =>
        Array.from(r.values.subarray(r.start[from]!, r.start[from + 1]!), (id) => keep(map, table, into, id));
      fresh.add(to, {
        tier: this.tier(from),
        availability: this.availability(from),
        skills,
        domains: ids(this.domains, domainIds, this.domainTable, fresh.domainTable),
        employments: ids(this.employments, employmentIds, this.employmentTable, fresh.employmentTable),
        terms: this.terms.get(from),
        restrictions: this.restrictions.get(from) ?? [],
      });
    });
    fresh.skillTable.forEach((l, id) => fresh.skillIds.set(l.name, id));
    fresh.domainTable.forEach((l, id) => fresh.domainIds.set(l.name, id));
    fresh.employmentTable.forEach((e, id) => fresh.employmentIds.set(employmentKey(e), id));
    Object.assign(this, fresh);
  }
}

/** An employment's fields joined (an absent one apart from an empty one): cheaper than JSON.stringify per profile. */
const employmentKey = (e: Employment): string => `${e.employer}\u0000${e.organisationId === undefined ? '\u0001' : `:${e.organisationId}`}\u0000${e.from}\u0000${e.to === undefined ? '\u0001' : `:${e.to}`}`;

function intern<T>(ids: Map<string, number>, table: T[], key: string, make: () => T): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = table.push(make()) - 1;
    ids.set(key, id);
  }
  return id;
}
