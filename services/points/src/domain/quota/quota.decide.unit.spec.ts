import { DeciderSpecification } from '@hope/kernel/testing';
import { QuotaExhausted, quotaDecider, type QuotaCommand } from './quota.decide';

const now = new Date('2030-03-04T10:00:00.000Z');
const at = now.toISOString();
const claim = (claimId: string, amount: number, limit = 100): QuotaCommand => ({ type: 'ClaimQuota', data: { claimId, amount, limit }, metadata: { now } });
const release = (claimId: string): QuotaCommand => ({ type: 'ReleaseQuota', data: { claimId }, metadata: { now } });
const claimed = (claimId: string, amount: number, limit = 100) => ({ type: 'QuotaClaimed' as const, data: { claimId, amount, limit, at } });
const spec = DeciderSpecification.for(quotaDecider);

describe('a quota shared by all experts (rule budget per period, item total limit)', () => {
  it('grants a claim within the limit', () => spec.given([claimed('a', 60)]).when(claim('b', 40)).then([claimed('b', 40)]));
  it('refuses a claim beyond the limit', () => spec.given([claimed('a', 60)]).when(claim('b', 41)).thenThrows(QuotaExhausted));
  it('claiming again under the same id is a no-op, even when the quota is full', () => spec.given([claimed('a', 100)]).when(claim('a', 100)).thenNothingHappened());
  it('a release gives the amount back once', () => {
    spec.given([claimed('a', 100)]).when(release('a')).then([{ type: 'QuotaReleased', data: { claimId: 'a', amount: 100, at } }]);
    spec.given([claimed('a', 100), { type: 'QuotaReleased', data: { claimId: 'a', amount: 100, at } }]).when(claim('b', 100)).then([claimed('b', 100)]);
    spec.given([claimed('a', 100), { type: 'QuotaReleased', data: { claimId: 'a', amount: 100, at } }]).when(release('a')).thenNothingHappened();
  });
  it('releasing an unknown claim is a no-op', () => spec.given([]).when(release('x')).thenNothingHappened());
});
