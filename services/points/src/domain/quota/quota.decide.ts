import { IllegalStateError } from '@hope/kernel';

/**
 * A quota shared by all experts: a rule's global budget for one period (`rule-budget-<ruleId>-<period>`)
 * or an item's total redemptions (`item-quota-<itemId>`). One stream per quota, so the expected
 * revision serialises claims across replicas: the limit holds under any concurrency. A claim is named
 * by the caller (the lot id, the reservation id), so claiming again is a no-op that answers the same.
 */
export type QuotaEvent =
  | { readonly type: 'QuotaClaimed'; readonly data: { readonly claimId: string; readonly amount: number; readonly limit: number; readonly at: string } }
  | { readonly type: 'QuotaReleased'; readonly data: { readonly claimId: string; readonly amount: number; readonly at: string } };

export type QuotaCommand =
  | { readonly type: 'ClaimQuota'; readonly data: { readonly claimId: string; readonly amount: number; readonly limit: number }; readonly metadata: { readonly now: Date } }
  | { readonly type: 'ReleaseQuota'; readonly data: { readonly claimId: string }; readonly metadata: { readonly now: Date } };

export interface Quota {
  readonly used: number;
  readonly claims: Readonly<Record<string, { readonly amount: number; readonly released: boolean }>>;
}

export const initialQuota: Quota = { used: 0, claims: {} };

export class QuotaExhausted extends IllegalStateError {
  constructor(readonly used: number, readonly limit: number, readonly amount: number) {
    super('POINTS.QUOTA_EXHAUSTED', `Quota exhausted: ${used} of ${limit} used, ${amount} more asked`, { status: 422 });
  }
}

export const evolveQuota = (s: Quota, e: QuotaEvent): Quota => {
  switch (e.type) {
    case 'QuotaClaimed':
      return { used: s.used + e.data.amount, claims: { ...s.claims, [e.data.claimId]: { amount: e.data.amount, released: false } } };
    case 'QuotaReleased': {
      const c = s.claims[e.data.claimId];
      return c && !c.released ? { used: s.used - c.amount, claims: { ...s.claims, [e.data.claimId]: { ...c, released: true } } } : s;
    }
    default:
      return s;
  }
};

export const decideQuota = (cmd: QuotaCommand, s: Quota): QuotaEvent[] => {
  const at = cmd.metadata.now.toISOString();
  const existing = s.claims[cmd.data.claimId];
  switch (cmd.type) {
    case 'ClaimQuota': {
      if (existing) return [];
      const { claimId, amount, limit } = cmd.data;
      // The limit comes with the command (from the rule set or catalogue in force): lowering it never undoes past claims.
      if (s.used + amount > limit) throw new QuotaExhausted(s.used, limit, amount);
      return [{ type: 'QuotaClaimed', data: { claimId, amount, limit, at } }];
    }
    case 'ReleaseQuota':
      return existing && !existing.released ? [{ type: 'QuotaReleased', data: { claimId: cmd.data.claimId, amount: existing.amount, at } }] : [];
  }
};

export const quotaDecider = { decide: decideQuota, evolve: evolveQuota, initialState: initialQuota };

export const isClaimHeld = (s: Quota, claimId: string): boolean => s.claims[claimId]?.released === false;
