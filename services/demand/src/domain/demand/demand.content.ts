import { hasVisibleText, ValidationError, type FieldProblem } from '@hope/kernel';

/** Text an enterprise may give in Chinese, English or both (same shape as the contract's LocalizedText). */
export interface LocalizedText {
  readonly en?: string;
  readonly zh?: string;
}

export const MATURITIES = ['idea', 'theoretical', 'reduction-to-practice', 'partner-scouting'] as const;
export type Maturity = (typeof MATURITIES)[number];
export const IP_TERMS = ['exclusive', 'non-exclusive', 'none'] as const;
export type IpTerms = (typeof IP_TERMS)[number];
export const VISIBILITIES = ['public', 'restricted', 'confidential'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface SubProblem {
  readonly id: string;
  readonly title: LocalizedText;
  readonly capabilities: readonly string[];
}

export interface Reward {
  /** A prize for the adopted plan, or a budget for the work that follows. */
  readonly kind: 'reward' | 'budget';
  readonly amount: number;
  readonly currency: string;
}

/** Everything an enterprise writes about a demand; drafts edit it freely, published ones revise it. */
export interface DemandContent {
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly domain: string;
  readonly keywords: readonly string[];
  readonly capabilities: readonly string[];
  readonly subProblems: readonly SubProblem[];
  readonly maturity: Maturity;
  /** Technology readiness level sought, 1-9. */
  readonly trl: number;
  readonly reward?: Reward;
  readonly ipTerms: IpTerms;
  readonly deadline: string;
  readonly visibility: Visibility;
  /** Hide the seeking organisation from experts. */
  readonly anonymous: boolean;
  readonly contact?: string;
}

export type DemandChanges = Partial<DemandContent>;

const hasText = (t: LocalizedText | undefined): boolean => Boolean(t && (hasVisibleText(t.en) || hasVisibleText(t.zh)));

/**
 * Rules on the content as a whole (the HTTP DTO has already checked types and sizes): a title and a
 * description in at least one language, a TRL 1-9, distinct sub-problem ids, a deadline after `now`.
 */
export function assertValidContent(c: DemandContent, now: Date): void {
  const problems: FieldProblem[] = [];
  if (!hasText(c.title)) problems.push({ field: 'title', reason: 'needs an "en" or a "zh" text' });
  if (!hasText(c.description)) problems.push({ field: 'description', reason: 'needs an "en" or a "zh" text' });
  if (!Number.isInteger(c.trl) || c.trl < 1 || c.trl > 9) problems.push({ field: 'trl', reason: 'must be an integer from 1 to 9' });
  const deadline = Date.parse(c.deadline);
  if (Number.isNaN(deadline)) problems.push({ field: 'deadline', reason: 'must be an ISO-8601 timestamp' });
  else if (deadline <= now.getTime()) problems.push({ field: 'deadline', reason: 'must be in the future' });
  const ids = c.subProblems.map((s) => s.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ field: `subProblems.${i}.id`, reason: `duplicates sub-problem "${id}"` });
  });
  c.subProblems.forEach((s, i) => {
    if (!hasText(s.title)) problems.push({ field: `subProblems.${i}.title`, reason: 'needs an "en" or a "zh" text' });
  });
  if (problems.length > 0) throw new ValidationError('DEMAND.INVALID', 'The demand is invalid', problems);
}

/** The fields whose value a change really alters (compared as JSON), in a stable order. */
export function changedFields(current: DemandContent, changes: DemandChanges): (keyof DemandContent)[] {
  return (Object.keys(changes) as (keyof DemandContent)[])
    .filter((k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(current[k]))
    .sort();
}

export const applyChanges = (current: DemandContent, changes: DemandChanges): DemandContent => {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return { ...current, ...defined };
};
