import type { Employment } from '../expert/profile';

/** An expert's acceptance of one version of the terms. */
export interface TermsAcceptance {
  readonly version: string;
  readonly acceptedAt: string;
}

/** An employer's ban on consulting for some organisations (a non-compete), until a day or open-ended. */
export interface EmployerRestriction {
  readonly restrictionId: string;
  readonly organisationIds: readonly string[];
  /** `YYYY-MM-DD`, exclusive; absent = until lifted. */
  readonly until?: string;
  readonly note?: string;
}

export interface ListedCompany {
  readonly organisationId: string;
  readonly name: string;
  /** Months after an employment there ends during which the former employee may not consult for it. */
  readonly coolingOffMonths: number;
}

/** The platform's compliance policy, recorded by operators as events (stream `compliance-policy`). */
export interface CompliancePolicy {
  readonly currentTerms?: { readonly version: string; readonly publishedAt: string };
  readonly listedCompanies: ReadonlyMap<string, ListedCompany>;
}

export const NO_POLICY: CompliancePolicy = { listedCompanies: new Map() };

/** Terms are re-accepted yearly: an acceptance older than this no longer counts. */
export const TERMS_VALID_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * - `not-required`: no terms are published yet;
 * - `current`: the current version, accepted within the year;
 * - `outdated`: an older version was accepted; `expired`: the current one, more than a year ago; `none`: never.
 */
export type TermsStatus = 'not-required' | 'current' | 'outdated' | 'expired' | 'none';

export function termsStatus(accepted: TermsAcceptance | undefined, policy: CompliancePolicy, now: Date): TermsStatus {
  if (!policy.currentTerms) return 'not-required';
  if (!accepted) return 'none';
  if (accepted.version !== policy.currentTerms.version) return 'outdated';
  return now.getTime() - Date.parse(accepted.acceptedAt) > TERMS_VALID_DAYS * DAY_MS ? 'expired' : 'current';
}

export const termsSatisfied = (s: TermsStatus): boolean => s === 'not-required' || s === 'current';

export const CONFLICT_CODES = ['same-current-employer', 'employer-restriction', 'cooling-off'] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

export interface ConflictReason {
  readonly code: ConflictCode;
  readonly detail: string;
  /** When the reason stops applying (`YYYY-MM-DD`, exclusive), if it does. */
  readonly until?: string;
}

/**
 * An employer's name reduced to what identifies it: NFKC, lower case, no punctuation or spaces, and
 * no company-form suffix (Ltd, Inc, Co., GmbH, 有限公司, 股份有限公司...), so "Haier Group Co., Ltd."
 * and "haier group" meet. Suffixes are stripped repeatedly ("Co., Ltd."); a name that is nothing but
 * a suffix keeps it rather than becoming empty.
 */
const COMPANY_SUFFIXES = [
  '股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '股份公司', '集团公司', '公司', '集团',
  'incorporated', 'corporation', 'limited', 'company', 'holdings', 'group', 'gmbh', 'corp', 'inc', 'ltd', 'llc', 'plc', 'co', 'ag', 'sa', 'bv', 'nv', 'kk',
];
export function normaliseEmployerName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of COMPANY_SUFFIXES) {
      const cut = s.endsWith(` ${suffix}`) ? s.length - suffix.length - 1 : /^[\u3400-\u9fff]/u.test(suffix) && s.endsWith(suffix) ? s.length - suffix.length : -1;
      if (cut > 0) {
        s = s.slice(0, cut).trim();
        changed = true;
      }
    }
  }
  return s.replace(/ /g, '');
}

/** The organisation a conflict is checked against: its id, and the names it is known by (normalised or not). */
export interface Counterparty {
  readonly organisationId: string;
  readonly names?: Iterable<string>;
}

/** What the conflict rules need to know of an expert. */
export interface ComplianceFacts {
  readonly employers: readonly Employment[];
  readonly restrictions: readonly EmployerRestriction[];
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** First day after the cooling-off period of an employment that ended in month `to` (`YYYY-MM`). */
export const coolingOffEnds = (to: string, months: number): string => {
  const [y, m] = to.split('-').map(Number) as [number, number];
  // The employment covers its whole last month; months count from the first day after it.
  return day(new Date(Date.UTC(y, m + months, 1)));
};

/**
 * Why an expert may not work for an organisation now: they work there (conflict of interest), their
 * employer forbids it (a restriction still in force), or they left it, a listed company, less than its
 * cooling-off period ago. Empty = no conflict. Used by the ranking's hard filters and the conflict check.
 */
export function conflictsWith(expert: ComplianceFacts, counterparty: string | Counterparty, policy: CompliancePolicy, now: Date): ConflictReason[] {
  const { organisationId, names: given } = typeof counterparty === 'string' ? { organisationId: counterparty, names: undefined } : counterparty;
  const today = day(now);
  const reasons: ConflictReason[] = [];
  const listedName = policy.listedCompanies.get(organisationId)?.name;
  // An employment given by name only (no organisation id) is the same employer when the names meet.
  const names = new Set([...(given ?? []), ...(listedName ? [listedName] : [])].map(normaliseEmployerName).filter((n) => n !== ''));
  for (const e of expert.employers) {
    const byId = e.organisationId === organisationId;
    if (!byId && !(names.size > 0 && names.has(normaliseEmployerName(e.employer)))) continue;
    if (e.to === undefined) {
      reasons.push({ code: 'same-current-employer', detail: byId ? `currently employed by ${organisationId}` : `currently employed by ${e.employer} (the same employer as ${organisationId} by name)` });
      continue;
    }
    const listed = policy.listedCompanies.get(organisationId);
    if (!listed) continue;
    const until = coolingOffEnds(e.to, listed.coolingOffMonths);
    if (today < until) reasons.push({ code: 'cooling-off', detail: `left listed company ${listed.name} in ${e.to}; ${listed.coolingOffMonths}-month cooling-off`, until });
  }
  for (const r of expert.restrictions) {
    if (!r.organisationIds.includes(organisationId) || (r.until !== undefined && today >= r.until)) continue;
    reasons.push({ code: 'employer-restriction', detail: `employer restriction ${r.restrictionId}${r.note ? `: ${r.note}` : ''}`, ...(r.until !== undefined ? { until: r.until } : {}) });
  }
  return reasons;
}
