import { isClaimHeld, QuotaExhausted } from '../domain/quota/quota.decide';
import type { QuotaHandler } from './handlers';

/**
 * Claims and releases on a shared quota (a rule's budget, an item's total; see quota.decide.ts). The
 * claim id is the command id, so claiming again is a no-op that answers the same. No read model needs
 * the quota streams, so nothing waits for one.
 */
export async function claimQuota(quotas: QuotaHandler, quotaId: string, claim: { claimId: string; amount: number; limit: number }, now: Date): Promise<boolean> {
  try {
    const out = await quotas.handle(quotaId, { type: 'ClaimQuota', data: claim, metadata: { now } }, { commandId: claim.claimId }, { wait: false });
    return isClaimHeld(out.state, claim.claimId);
  } catch (error) {
    if (error instanceof QuotaExhausted) return false;
    throw error;
  }
}

export async function releaseQuota(quotas: QuotaHandler, quotaId: string, claimId: string, now: Date): Promise<void> {
  await quotas.handle(quotaId, { type: 'ReleaseQuota', data: { claimId }, metadata: { now } }, { commandId: claimId }, { wait: false });
}
