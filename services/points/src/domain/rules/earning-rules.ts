import { DEFAULT_TIER_POLICY, type TierPolicy } from '../tiers/tier-policy';

/**
 * Earning rules are data, not code branches: a rule set names, per source event, how many points it
 * earns and under which limits. Each earning records the rule id and the rule set version, so a replay
 * under newer rules still explains old balances.
 */
export type LimitPeriod = 'day' | 'week' | 'month';

export interface EarningRule {
  readonly id: string;
  /** The integration event type that triggers it. */
  readonly sourceType: string;
  readonly points: number;
  /** Who is credited: the field of the source payload holding the expert id. */
  readonly recipientField: string;
  /** Optional equality conditions on the source payload (e.g. `{ kind: 'exchange-meeting' }`). */
  readonly when?: Readonly<Record<string, string>>;
  /** At most this many earnings of the rule per expert per calendar period (UTC; weeks start Monday). */
  readonly perExpert?: Readonly<Partial<Record<LimitPeriod, number>>>;
  readonly onceEver?: boolean;
  /** Global budget: at most `points` through this rule, all experts together, per calendar period (UTC). */
  readonly budget?: { readonly period: LimitPeriod; readonly points: number };
}

export type ExpiryPolicy =
  | { readonly kind: 'rolling'; readonly months: number }
  /** Expires at the end of the month (or year) in which the rolling period ends. */
  | { readonly kind: 'end-of-month'; readonly months: number }
  | { readonly kind: 'end-of-year'; readonly months: number };

export interface RuleSet {
  readonly version: number;
  /** Sources that occurred from this instant on earn under this version (v1: since always). */
  readonly effectiveFrom?: string;
  readonly rules: readonly EarningRule[];
  /** New points wait this long before they can be spent (0: at once). */
  readonly pendingDays: number;
  readonly expiry: ExpiryPolicy;
  /** Tiers of influence; absent on rule sets recorded before tiers existed (the default policy applies). */
  readonly tiers?: TierPolicy;
}

/** The tier policy a rule set carries (the default one when it predates tiers). */
export const tiersOf = (r: Pick<RuleSet, 'tiers'>): TierPolicy => r.tiers ?? DEFAULT_TIER_POLICY;

/** Version 1: the table of issue 3. The invitee bonus is an option, off by default. */
export const DEFAULT_RULES: RuleSet = {
  version: 1,
  pendingDays: 14,
  expiry: { kind: 'rolling', months: 24 },
  tiers: DEFAULT_TIER_POLICY,
  rules: [
    { id: 'clue-submitted', sourceType: 'ClueSubmitted', points: 5, recipientField: 'expertId', perExpert: { day: 10 } },
    { id: 'plan-submitted', sourceType: 'PlanSubmitted', points: 20, recipientField: 'expertId' },
    { id: 'plan-shortlisted', sourceType: 'PlanShortlisted', points: 50, recipientField: 'expertId' },
    { id: 'plan-adopted', sourceType: 'PlanAdopted', points: 200, recipientField: 'expertId' },
    { id: 'invitation-joined', sourceType: 'ExpertJoined', points: 30, recipientField: 'inviterId' },
    { id: 'certified-partner', sourceType: 'ExpertCertified', points: 100, recipientField: 'expertId', onceEver: true },
    { id: 'consultation-completed', sourceType: 'ConsultationCompleted', points: 40, recipientField: 'expertId' },
    { id: 'exchange-meeting-attended', sourceType: 'MeetingAttended', points: 10, recipientField: 'expertId', when: { kind: 'exchange-meeting' } },
  ],
};

/** The option of the issue: the invited expert earns too. */
export const INVITEE_BONUS_RULE: EarningRule = { id: 'invited-expert-joined', sourceType: 'ExpertJoined', points: 30, recipientField: 'expertId', onceEver: true };

/** Rules triggered by a source event, each with the expert it credits (rules whose recipient is absent are skipped). */
export function rulesFor(ruleSet: Pick<RuleSet, 'rules'>, sourceType: string, data: Readonly<Record<string, unknown>>): { rule: EarningRule; expertId: string }[] {
  const out: { rule: EarningRule; expertId: string }[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.sourceType !== sourceType) continue;
    if (rule.when && Object.entries(rule.when).some(([k, v]) => data[k] !== v)) continue;
    const expertId = data[rule.recipientField];
    if (typeof expertId === 'string' && expertId.length > 0) out.push({ rule, expertId });
  }
  return out;
}

const DAY_MS = 86_400_000;

/** Start of the UTC calendar period containing `at` (weeks start on Monday, ISO style). */
export function periodStart(period: LimitPeriod, at: Date): number {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (period === 'day') return day;
  if (period === 'month') return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
  return day - ((at.getUTCDay() + 6) % 7) * DAY_MS;
}

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

export function expiryOf(policy: ExpiryPolicy, earnedAt: Date): Date {
  const end = addMonths(earnedAt, policy.months);
  switch (policy.kind) {
    case 'rolling':
      return end;
    case 'end-of-month':
      return new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 1) - 1);
    case 'end-of-year':
      return new Date(Date.UTC(end.getUTCFullYear() + 1, 0, 1) - 1);
  }
}

export const RULE_BUDGET_STREAM_PREFIX = 'rule-budget-';
/** A rule's global budget for the period containing `at`: `<ruleId>-<period start>` (its stream: `rule-budget-<id>`). */
export const budgetId = (ruleId: string, period: LimitPeriod, at: Date): string => `${ruleId}-${new Date(periodStart(period, at)).toISOString().slice(0, 10)}`;
export const budgetStream = (ruleId: string, period: LimitPeriod, at: Date): string => `${RULE_BUDGET_STREAM_PREFIX}${budgetId(ruleId, period, at)}`;
