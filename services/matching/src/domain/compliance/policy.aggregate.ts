import { aggregate } from '@hope/kernel';
import { POLICY_STREAM, policyDecider } from './policy.decide';

/** The platform's one compliance policy: whatever id is asked for, it is the `compliance-policy` stream. */
export const POLICY_ID = 'policy';

/** Terms versions and listed companies. Handler names never change: they derive the event ids. */
export const policy = aggregate({
  name: 'matching.compliance-policy',
  streamOf: (_policyId: string) => POLICY_STREAM,
  decider: policyDecider,
  handlerNames: {
    PublishTerms: 'matching.PublishTerms',
    RegisterListedCompany: 'matching.RegisterListedCompany',
  },
});
