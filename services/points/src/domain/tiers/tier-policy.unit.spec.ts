import fc from 'fast-check';
import { DeciderSpecification } from '@hope/kernel/testing';
import type { Tier } from '@hope/contracts';
import { ValidationError } from '@hope/kernel';
import type { AccountCommand } from '../account/account.commands';
import { accountDecider } from '../account/account.decide';
import type { AccountEvent } from '../account/account.events';
import { adjust, earn, earned, EXPERT, retract, T0 } from '../account/account.fixtures';
import { decideRulebook, initialRulebook } from '../rulebook/rulebook.decide';
import { DEFAULT_RULES } from '../rules/earning-rules';
import { DEFAULT_TIER_POLICY, fallsBelowAt, stayedBelow, type TierPolicy } from './tier-policy';

const spec = DeciderSpecification.for(accountDecider);
const DAY = 86_400_000;
const policy: TierPolicy = { thresholds: { bronze: 100, silver: 300, gold: 600, platinum: 1000 }, windowDays: 365, downgrade: { graceDays: 30 } };
const days = (n: number) => new Date(T0.getTime() + n * DAY);

/** A plan adopted (200 points) `source`, judged under `policy` at `now`. */
const earnWithTiers = (o: { source: string; at?: Date; now?: Date }): AccountCommand => {
  const c = earn({ source: o.source, at: o.at ?? T0, now: o.now ?? o.at ?? T0 }) as Extract<AccountCommand, { type: 'EarnPoints' }>;
  return { ...c, data: { ...c.data, tierPolicy: policy } };
};
const evaluate = (now: Date): AccountCommand => ({ type: 'EvaluateTier', data: { expertId: EXPERT, tierPolicy: policy }, metadata: { now } });
const changed = (from: Tier, to: Tier, earnedInYear: number, at: Date): AccountEvent => ({ type: 'TierChanged', data: { expertId: EXPERT, from, to, earnedInYear, at: at.toISOString() } });

describe('tiers of influence: upgrades on the earning that crosses a threshold', () => {
  it('given nothing, when 200 points are earned, then the account reaches bronze at once (threshold 100)', () => {
    spec.given([]).when(earnWithTiers({ source: 'a' })).then([earned(200, { source: 'a' }), changed('none', 'bronze', 200, T0)]);
  });

  it('an earning that crosses two thresholds goes straight to the higher tier', () => {
    spec
      .given([earned(200, { source: 'a' }), changed('none', 'bronze', 200, T0), earned(200, { source: 'b' })])
      .when(earnWithTiers({ source: 'c' }))
      .then([earned(200, { source: 'c' }), changed('bronze', 'gold', 600, T0)]);
  });

  it('an earning that crosses nothing changes no tier (gold at 600, 800 is still below platinum at 1000)', () => {
    spec.given([earned(600, { source: 'a' }), changed('none', 'gold', 600, T0)]).when(earnWithTiers({ source: 'b' })).then([earned(200, { source: 'b' })]);
  });

  it('only the rolling window counts: points earned more than 365 days ago do not', () => {
    const old = days(-366);
    spec.given([earned(200, { source: 'a', at: old }), earned(200, { source: 'b', at: old })]).when(earnWithTiers({ source: 'c' })).then([earned(200, { source: 'c' }), changed('none', 'bronze', 200, T0)]);
  });

  it('reversed earnings do not count (net of reversals)', () => {
    const history = [earned(200, { source: 'a', proposalId: 'pa' }), changed('none', 'bronze', 200, T0)];
    const reversal = accountDecider.decide(retract('pa'), history.reduce(accountDecider.evolve, accountDecider.initialState));
    spec.given([...history, ...reversal]).when(earnWithTiers({ source: 'b' })).then([earned(200, { source: 'b' })]);
  });

  it('operator grants are not earnings: they never move the tier', () => {
    const grant = accountDecider.decide(adjust('adj-1', 5000), accountDecider.initialState);
    spec.given(grant).when(earnWithTiers({ source: 'a' })).then([earned(200, { source: 'a' }), changed('none', 'bronze', 200, T0)]);
  });

  it('a declined earning (duplicate source) changes no tier', () => {
    spec.given([earned(200, { source: 'a' })]).when(earnWithTiers({ source: 'a' })).thenNothingHappened();
  });
});

describe('tiers of influence: the scheduled downgrade (one step, after the grace period)', () => {
  const gold = [earned(200, { source: 'a' }), earned(200, { source: 'b' }), earned(200, { source: 'c' }), changed('none', 'gold', 600, T0)];

  it('while the window still holds the tier threshold, nothing happens', () => {
    spec.given(gold).when(evaluate(days(200))).thenNothingHappened();
  });

  it('below the threshold but not yet for the whole grace period: nothing happens', () => {
    // The 600 points age out on day 365; on day 380 the account has been below for only 15 days.
    spec.given(gold).when(evaluate(days(380))).thenNothingHappened();
  });

  it('below the threshold for the whole grace period: one tier down, not straight to none', () => {
    spec.given(gold).when(evaluate(days(396))).then([changed('gold', 'silver', 0, days(396))]);
  });

  it('after a fall, the next tier waits its own grace period: an evaluation right after does nothing', () => {
    spec.given([...gold, changed('gold', 'silver', 0, days(396))]).when(evaluate(days(397))).thenNothingHappened();
    spec.given([...gold, changed('gold', 'silver', 0, days(396))]).when(evaluate(days(426))).then([changed('silver', 'bronze', 0, days(426))]);
  });

  it('back above the threshold within the grace period: the clock starts again', () => {
    // Below from day 365; 600 points earned on day 380 restore the threshold: on day 400 it was not below for all of the last 30 days.
    const back = [...gold, earned(200, { source: 'd', at: days(380) }), earned(200, { source: 'e', at: days(380) }), earned(200, { source: 'f', at: days(380) })];
    spec.given(back).when(evaluate(days(400))).thenNothingHappened();
  });

  it('an account without a tier is never evaluated down', () => {
    spec.given([earned(50, { source: 'a' })]).when(evaluate(days(500))).thenNothingHappened();
  });

  it('a tier reached less than the grace period ago is not evaluated, even with nothing in the window', () => {
    spec.given([earned(600, { source: 'a', at: days(-360) }), changed('none', 'gold', 600, days(-20))]).when(evaluate(days(0))).thenNothingHappened();
  });
});

describe('the tier policy is data in the rule set, versioned with it', () => {
  const change = (tiers: TierPolicy | undefined) => ({
    type: 'ChangeRules' as const,
    data: { ruleSet: { rules: DEFAULT_RULES.rules, pendingDays: 14, expiry: DEFAULT_RULES.expiry, ...(tiers ? { tiers } : {}) }, reason: 'tiers', by: 'op' },
    metadata: { now: T0 },
  });

  it('PUT /rules with new thresholds writes a new version carrying them; without tiers the default policy is recorded', () => {
    const [e] = decideRulebook(change(policy), initialRulebook);
    expect(e).toMatchObject({ type: 'RulesChanged', data: { version: 2, tiers: policy } });
    // The v1 content with the default policy is the same content: no new version.
    expect(decideRulebook(change(undefined), initialRulebook)).toEqual([]);
    expect(decideRulebook(change(DEFAULT_TIER_POLICY), initialRulebook)).toEqual([]);
  });

  it('thresholds must rise strictly', () => {
    expect(() => decideRulebook(change({ ...policy, thresholds: { bronze: 100, silver: 100, gold: 600, platinum: 1000 } }), initialRulebook)).toThrow(ValidationError);
  });
});

describe('fallsBelowAt: the instant the downgrade candidate filter keeps per account', () => {
  const small: TierPolicy = { thresholds: { bronze: 10, silver: 20, gold: 40, platinum: 80 }, windowDays: 10, downgrade: { graceDays: 3 } };
  const DAY = 86_400_000;
  const base = Date.UTC(2030, 0, 1);

  it('is when enough of the oldest counted earnings have left the window', () => {
    const e = (day: number, points: number) => ({ points, earnedAt: new Date(base + day * DAY).toISOString() });
    // 6 + 5 on days 0 and 2 reach 10; day 0 leaves on day 10 and the window falls to 5.
    expect(fallsBelowAt([e(0, 6), e(2, 5)], small, 10)).toBe(base + 10 * DAY);
    // Another 5 on day 8 keeps it at 10 after day 0 leaves, until day 2 leaves on day 12.
    expect(fallsBelowAt([e(0, 6), e(2, 5), e(8, 5)], small, 10)).toBe(base + 12 * DAY);
    expect(fallsBelowAt([e(0, 6)], small, 10)).toBe(0);
  });

  it('agrees with the account\'s own check: stayed below over the grace period <=> fell below by its start', () => {
    const earning = fc.record({ day: fc.integer({ min: 0, max: 40 }), hour: fc.integer({ min: 0, max: 23 }), points: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.array(earning, { maxLength: 12 }), fc.integer({ min: 0, max: 60 * 24 }), fc.constantFrom(10, 20, 40), (raw, nowHour, threshold) => {
        const now = base + nowHour * 3_600_000;
        const earnings = raw.map((x) => ({ points: x.points, earnedAt: new Date(base + x.day * DAY + x.hour * 3_600_000).toISOString() })).filter((x) => Date.parse(x.earnedAt) <= now);
        const start = now - small.downgrade.graceDays * DAY;
        expect(fallsBelowAt(earnings, small, threshold) <= start).toBe(stayedBelow(earnings, small, threshold, now));
      }),
      { numRuns: 500 },
    );
  });
});
