import { DeciderSpecification } from '@hope/kernel/testing';
import { IllegalStateError, ValidationError } from '@hope/kernel';
import { conflictsWith, coolingOffEnds, termsStatus, type CompliancePolicy } from './compliance';
import { policyDecider, type PolicyEvent } from './policy.decide';

const now = new Date('2026-06-15T00:00:00Z');
const policy = (over: Partial<CompliancePolicy> = {}): CompliancePolicy => ({
  currentTerms: { version: '2026-01', publishedAt: '2026-01-01T00:00:00.000Z' },
  listedCompanies: new Map([['org-listed', { organisationId: 'org-listed', name: 'Listed Co', coolingOffMonths: 12 }]]),
  ...over,
});
const facts = (over: Partial<Parameters<typeof conflictsWith>[0]> = {}) => ({ employers: [], restrictions: [], ...over });

describe('terms: versioned, re-accepted yearly', () => {
  it('no terms published: nothing to accept', () => {
    expect(termsStatus(undefined, { listedCompanies: new Map() }, now)).toBe('not-required');
  });
  it('the current version within the year is current; an older version is outdated; a year later it has expired; never is none', () => {
    expect(termsStatus({ version: '2026-01', acceptedAt: '2026-02-01T00:00:00Z' }, policy(), now)).toBe('current');
    expect(termsStatus({ version: '2025-01', acceptedAt: '2026-02-01T00:00:00Z' }, policy(), now)).toBe('outdated');
    expect(termsStatus({ version: '2026-01', acceptedAt: '2025-06-01T00:00:00Z' }, policy(), now)).toBe('expired');
    expect(termsStatus(undefined, policy(), now)).toBe('none');
  });
});

describe('conflicts: same current employer, employer restriction, cooling-off after leaving a listed company', () => {
  it('a current employment at the organisation is a conflict; a past one at an unlisted company is not', () => {
    expect(conflictsWith(facts({ employers: [{ employer: 'A', organisationId: 'org-a', from: '2020-01' }] }), 'org-a', policy(), now).map((r) => r.code)).toEqual(['same-current-employer']);
    expect(conflictsWith(facts({ employers: [{ employer: 'A', organisationId: 'org-a', from: '2020-01', to: '2026-05' }] }), 'org-a', policy(), now)).toEqual([]);
  });

  it('leaving a listed company starts its cooling-off: a conflict until the period after the last month ends', () => {
    const left = (to: string) => facts({ employers: [{ employer: 'L', organisationId: 'org-listed', from: '2018-01', to }] });
    expect(coolingOffEnds('2025-12', 12)).toBe('2027-01-01');
    expect(conflictsWith(left('2025-12'), 'org-listed', policy(), now)).toEqual([expect.objectContaining({ code: 'cooling-off', until: '2027-01-01' })]);
    expect(conflictsWith(left('2025-05'), 'org-listed', policy(), now)).toEqual([]); // ended 2026-06-01
    expect(conflictsWith(left('2025-12'), 'org-listed', policy({ listedCompanies: new Map() }), now)).toEqual([]); // not listed: no cooling-off
  });

  it('an employer restriction bars the organisations it names until its end day', () => {
    const restricted = facts({ restrictions: [{ restrictionId: 'r1', organisationIds: ['org-rival'], until: '2026-07-01', note: 'non-compete' }] });
    expect(conflictsWith(restricted, 'org-rival', policy(), now)).toEqual([{ code: 'employer-restriction', detail: 'employer restriction r1: non-compete', until: '2026-07-01' }]);
    expect(conflictsWith(restricted, 'org-other', policy(), now)).toEqual([]);
    expect(conflictsWith(restricted, 'org-rival', policy(), new Date('2026-07-01T00:00:00Z'))).toEqual([]);
  });
});

describe('compliance policy (stream compliance-policy)', () => {
  const spec = DeciderSpecification.for(policyDecider);
  const at = now.toISOString();
  const published: PolicyEvent = { type: 'TermsPublished', data: { version: '2026-01', by: 'op', publishedAt: at } };
  const listed: PolicyEvent = { type: 'ListedCompanyRegistered', data: { organisationId: 'org-l', name: 'L', coolingOffMonths: 6, by: 'op', registeredAt: at } };
  const cmd = (c: { type: 'PublishTerms'; data: { version: string; by: string } } | { type: 'RegisterListedCompany'; data: { organisationId: string; name: string; coolingOffMonths: number; by: string } }) => ({ ...c, metadata: { now } });

  it('publishes a terms version once: a version names one text for ever', () => {
    spec.given([]).when(cmd({ type: 'PublishTerms', data: { version: '2026-01', by: 'op' } })).then([published]);
    spec.given([published]).when(cmd({ type: 'PublishTerms', data: { version: '2026-01', by: 'op' } })).thenThrows(IllegalStateError);
  });

  it('registers a listed company; the same registration again records nothing; an absurd cooling-off is refused', () => {
    spec.given([]).when(cmd({ type: 'RegisterListedCompany', data: { organisationId: 'org-l', name: 'L', coolingOffMonths: 6, by: 'op' } })).then([listed]);
    spec.given([listed]).when(cmd({ type: 'RegisterListedCompany', data: { organisationId: 'org-l', name: 'L', coolingOffMonths: 6, by: 'op' } })).thenNothingHappened();
    spec.given([]).when(cmd({ type: 'RegisterListedCompany', data: { organisationId: 'org-l', name: 'L', coolingOffMonths: 0, by: 'op' } })).thenThrows(ValidationError);
  });
});
