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

/**
 * The instant from which the window sum stays below `threshold` for good, given these earnings (0 if
 * it never reached it): the downgrade candidate filter keeps it per account. Between earnings the sum
 * only falls, so the window reaches the threshold last at some earning, and stays there until enough
 * of the oldest earnings it counts have left (an earning counted at t leaves at t + windowDays).
 * Hence, with no earning after `now`: `stayedBelow(earnings, policy, threshold, now)` is
 * `fallsBelowAt(earnings, policy, threshold) <= now - graceDays` (property test in tier-policy.unit.spec.ts).
 */
export function fallsBelowAt(earnings: readonly CountedEarning[], policy: TierPolicy, threshold: number): number {
  if (threshold <= 0) return Number.POSITIVE_INFINITY; // never below
  const windowMs = policy.windowDays * DAY_MS;
  // Same-instant earnings enter and leave together: one entry per instant.
  const byInstant = new Map<number, number>();
  for (const e of earnings) byInstant.set(Date.parse(e.earnedAt), (byInstant.get(Date.parse(e.earnedAt)) ?? 0) + e.points);
  const at = [...byInstant.keys()].sort((a, b) => a - b);
  const points = at.map((t) => byInstant.get(t)!);
  let below = 0;
  let first = 0; // oldest instant still in the window ending at at[j]
  let sum = 0; // points[first..j]
  // The oldest instants whose leaving the window brings it below the threshold only move forward with j (two pointers: linear).
  let k = 0;
  let tail = 0; // points[k..j]
  for (let j = 0; j < at.length; j++) {
    sum += points[j]!;
    tail += points[j]!;
    while (at[first]! <= at[j]! - windowMs) sum -= points[first++]!;
    while (k < first) tail -= points[k++]!;
    if (sum < threshold) continue;
    // At at[j] the window reaches the threshold; without later earnings it falls below once at[k - 1] has left.
    while (tail >= threshold) tail -= points[k++]!;
    below = Math.max(below, at[k - 1]! + windowMs);
  }
  return below;
}
