import { hasVisibleText } from '@hope/kernel';
import type { FieldProblem } from '@hope/kernel';

/** Text an expert may give in Chinese, English or both. */
export interface Bilingual {
  readonly en?: string;
  readonly zh?: string;
}

export interface Skill {
  readonly name: string;
  /** Year the skill was last practised: recency weighs in the ranking. */
  readonly lastPractised: number;
}

export interface Employment {
  readonly employer: string;
  /** The platform organisation id of the employer when it has one: the conflict-of-interest key. */
  readonly organisationId?: string;
  /** `YYYY-MM`. */
  readonly from: string;
  /** `YYYY-MM`; absent while current. */
  readonly to?: string;
}

export const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export interface Rate {
  readonly amount: number;
  readonly currency: string;
  readonly per: 'hour' | 'day';
}

/** Everything an expert says about themself. Every field optional in a change; absent = unchanged. */
export interface Profile {
  readonly name: string;
  /** Contact address; also how a self-invitation is recognised when an expert invites an email. */
  readonly email?: string;
  readonly bio?: Bilingual;
  readonly expertise?: Bilingual;
  readonly domains?: readonly string[];
  readonly skills?: readonly Skill[];
  readonly certifications?: readonly string[];
  readonly publications?: readonly string[];
  readonly employers?: readonly Employment[];
  readonly region?: string;
  readonly timeZone?: string;
  readonly languages?: readonly string[];
  readonly availability?: Availability;
  readonly rate?: Rate;
}

export type ProfileChanges = Partial<Profile>;

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Rules that need the clock or compare fields, so the DTO cannot check them: a skill practised in the
 * future, an employment that ends before it starts. Field paths match the request body's.
 */
export function profileProblems(changes: ProfileChanges, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const thisYear = now.getUTCFullYear();
  changes.skills?.forEach((s, i) => {
    if (!Number.isInteger(s.lastPractised) || s.lastPractised < 1950 || s.lastPractised > thisYear) {
      problems.push({ field: `skills.${i}.lastPractised`, reason: `must be a year between 1950 and ${thisYear}` });
    }
  });
  changes.employers?.forEach((e, i) => {
    if (!YEAR_MONTH.test(e.from)) problems.push({ field: `employers.${i}.from`, reason: 'must be YYYY-MM' });
    if (e.to !== undefined && !YEAR_MONTH.test(e.to)) problems.push({ field: `employers.${i}.to`, reason: 'must be YYYY-MM' });
    else if (e.to !== undefined && e.to < e.from) problems.push({ field: `employers.${i}.to`, reason: 'must not be before from' });
  });
  if (changes.rate && !(changes.rate.amount >= 0)) problems.push({ field: 'rate.amount', reason: 'must not be negative' });
  if (changes.name !== undefined && !hasVisibleText(changes.name)) problems.push({ field: 'name', reason: 'must not be empty' });
  return problems;
}

/** The organisations an expert works for now (employments without an end): conflict of interest. */
export const currentOrganisations = (p: Pick<Profile, 'employers'>): string[] =>
  (p.employers ?? []).filter((e) => e.to === undefined && e.organisationId !== undefined).map((e) => e.organisationId!);
