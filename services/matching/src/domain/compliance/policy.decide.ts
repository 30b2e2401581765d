import { IllegalStateError, ValidationError } from '@hope/kernel';
import type { ListedCompany } from './compliance';

/** One stream for the platform's compliance policy: the terms versions and the listed companies. */
export const POLICY_STREAM = 'compliance-policy';

export type PolicyEvent =
  | { type: 'TermsPublished'; data: { version: string; by: string; publishedAt: string } }
  | { type: 'ListedCompanyRegistered'; data: ListedCompany & { by: string; registeredAt: string } };

export const POLICY_EVENT_TYPES: readonly PolicyEvent['type'][] = ['TermsPublished', 'ListedCompanyRegistered'];

export type PolicyCommand =
  | { type: 'PublishTerms'; data: { version: string; by: string }; metadata: { now: Date } }
  | { type: 'RegisterListedCompany'; data: ListedCompany & { by: string }; metadata: { now: Date } };

export interface Policy {
  readonly termsVersions: readonly string[];
  readonly listed: ReadonlyMap<string, ListedCompany>;
}

export const initialState: Policy = { termsVersions: [], listed: new Map() };

export const evolve = (s: Policy, e: PolicyEvent): Policy => {
  switch (e.type) {
    case 'TermsPublished':
      return { ...s, termsVersions: [...s.termsVersions, e.data.version] };
    case 'ListedCompanyRegistered': {
      const { organisationId, name, coolingOffMonths } = e.data;
      return { ...s, listed: new Map(s.listed).set(organisationId, { organisationId, name, coolingOffMonths }) };
    }
    default:
      return s;
  }
};

export const decide = (cmd: PolicyCommand, s: Policy): PolicyEvent[] => {
  const at = cmd.metadata.now.toISOString();
  switch (cmd.type) {
    case 'PublishTerms':
      // A version names one text for ever: publishing it again would make earlier acceptances ambiguous.
      if (s.termsVersions.includes(cmd.data.version)) throw new IllegalStateError('TERMS.VERSION_EXISTS', `Terms ${cmd.data.version} were already published`);
      return [{ type: 'TermsPublished', data: { version: cmd.data.version, by: cmd.data.by, publishedAt: at } }];
    case 'RegisterListedCompany': {
      const { organisationId, name, coolingOffMonths, by } = cmd.data;
      if (!Number.isInteger(coolingOffMonths) || coolingOffMonths < 1 || coolingOffMonths > 60) {
        throw new ValidationError('COMPLIANCE.INVALID_COOLING_OFF', 'Invalid cooling-off', [{ field: 'coolingOffMonths', reason: 'must be 1-60 months' }]);
      }
      const known = s.listed.get(organisationId);
      if (known && known.name === name && known.coolingOffMonths === coolingOffMonths) return [];
      return [{ type: 'ListedCompanyRegistered', data: { organisationId, name, coolingOffMonths, by, registeredAt: at } }];
    }
  }
};

export const policyDecider = { decide, evolve, initialState };
