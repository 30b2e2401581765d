import { TIERS, type Tier } from '@hope/contracts';

/**
 * Tiers of influence, as data inside the rule set (versioned with it, changed by PUT /rules): the
 * points earned through rules, net of reversals, over a rolling window decide the tier. An earning
 * that crosses a threshold upgrades at once (any number of steps); a scheduled evaluation downgrades,
 * at most one step at a time, and only once the account has stayed below its tier's threshold for
 * the whole grace period (and held its tier at least that long).
 */
export interface TierPolicy {
  /** Minimum points earned in the window for each tier (ascending). */
  readonly thresholds: { readonly bronze: number; readonly silver: number; readonly gold: number; readonly platinum: number };
  readonly windowDays: number;
  readonly downgrade: { readonly graceDays: number };
}

export const DEFAULT_TIER_POLICY: TierPolicy = {
  thresholds: { bronze: 100, silver: 500, gold: 2_000, platinum: 5_000 },
  windowDays: 365,
  downgrade: { graceDays: 30 },
};

export type { Tier };
export const tierRank = (t: Tier): number => TIERS.indexOf(t);

/** The highest tier whose threshold `earned` reaches. */
export function tierFor(policy: TierPolicy, earned: number): Tier {
  let tier: Tier = 'none';
  for (const t of ['bronze', 'silver', 'gold', 'platinum'] as const) if (earned >= policy.thresholds[t]) tier = t;
  return tier;
}

export const thresholdOf = (policy: TierPolicy, tier: Tier): number => (tier === 'none' ? 0 : policy.thresholds[tier]);

export const tierBelow = (tier: Tier): Tier => TIERS[Math.max(0, tierRank(tier) - 1)]!;

const DAY_MS = 86_400_000;

/** An earning that counts towards a tier: rule-earned, not reversed. */
export interface CountedEarning {
  readonly points: number;
  readonly earnedAt: string;
}

/** Points earned in the window ending at `at` (earnedAt in (at - windowDays, at]). */
export function earnedInWindow(earnings: readonly CountedEarning[], policy: TierPolicy, at: number): number {
  const from = at - policy.windowDays * DAY_MS;
  let sum = 0;
  for (const e of earnings) {
    const t = Date.parse(e.earnedAt);
    if (t > from && t <= at) sum += e.points;
  }
  return sum;
}

/**
 * True if the window sum stayed below `threshold` at every instant of [now - graceDays, now]. Between
 * two earnings the sum only falls (lots age out of the window), so its maximum over the interval is at
 * the interval's start or at an earning inside it.
 */
export function stayedBelow(earnings: readonly CountedEarning[], policy: TierPolicy, threshold: number, now: number): boolean {
  const start = now - policy.downgrade.graceDays * DAY_MS;
  if (earnedInWindow(earnings, policy, start) >= threshold) return false;
  for (const e of earnings) {
    const t = Date.parse(e.earnedAt);
    if (t > start && t <= now && earnedInWindow(earnings, policy, t) >= threshold) return false;
  }
  return true;
}
