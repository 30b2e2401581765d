import { projectionSpec } from '@hope/eventstore/testing';
import type { AccountEvent } from '../../domain/account/account.events';
import { earned } from '../../domain/account/account.fixtures';
import { DEFAULT_RULES } from '../../domain/rules/earning-rules';
import { RULEBOOK_STREAM } from '../../domain/rulebook/rulebook.decide';
import { balanceProjection } from './balance.projection';
import { SqliteBalanceQueries } from './balance.queries';

const at = (iso: string) => new Date(`${iso}T10:00:00.000Z`);
const of = (expertId: string, e: AccountEvent) => ({ stream: `account-${expertId}`, ...e });
const bronze = (expertId: string, since: string) => of(expertId, { type: 'TierChanged', data: { expertId, from: 'none', to: 'bronze', earnedInYear: 120, at: at(since).toISOString() } });
const reversed = (expertId: string, proposalId: string, when: string) =>
  of(expertId, { type: 'PointsReversed', data: { expertId, sourceEventId: `w-${proposalId}`, sourceType: 'ProposalWithdrawn', retracted: `proposal:${proposalId}`, reason: 'withdrawn', lots: [], debt: 0, points: 0, at: at(when).toISOString() } });
const window180 = {
  stream: RULEBOOK_STREAM,
  type: 'RulesChanged',
  data: { ...DEFAULT_RULES, version: 2, effectiveFrom: at('2030-02-01').toISOString(), tiers: { ...DEFAULT_RULES.tiers!, windowDays: 180 }, reason: 'shorter window', by: 'op', at: at('2030-02-01').toISOString() },
};

// Default policy: bronze at 100 points in 365 days, 30 days' grace. On 2030-03-01 the grace period started on 2030-01-30.
const heldSince = new Date(at('2030-03-01').getTime() - 30 * 86_400_000);
const candidates = (db: ConstructorParameters<typeof SqliteBalanceQueries>[0]) => new SqliteBalanceQueries(db).accountsHoldingTierSince(heldSince, '');

describe('points_tiers downgrade candidates (given events, then the accounts the tier job evaluates)', () => {
  it('an account with enough recent earnings is not a candidate (even after its first points left); one whose window fell is; a reversal counts', async () => {
    await projectionSpec(
      balanceProjection,
      [
        // ann: 120 earned in January 2030, in her window until January 2031.
        of('ann', earned(120, { source: 'a', at: at('2030-01-10') })),
        bronze('ann', '2030-01-10'),
        // bob: his 120 left the window on 2030-01-10, before the grace period began.
        of('bob', earned(120, { source: 'b', at: at('2029-01-10') })),
        bronze('bob', '2029-01-10'),
        // cy: enough recent points, but the proposal was withdrawn.
        of('cy', earned(120, { source: 'c', at: at('2030-01-10'), proposalId: 'p-cy' })),
        bronze('cy', '2029-12-01'),
        reversed('cy', 'p-cy', '2030-01-12'),
        // dee: the window fell on 2030-02-10, inside the grace period: not yet.
        of('dee', earned(120, { source: 'd', at: at('2029-02-10') })),
        bronze('dee', '2029-02-10'),
        // fay: her first points left the window on 2030-01-05, but December's 100 hold it at the threshold until December 2030.
        of('fay', earned(120, { source: 'f1', at: at('2029-01-05') })),
        bronze('fay', '2029-01-05'),
        of('fay', earned(100, { source: 'f2', at: at('2029-12-20') })),
      ],
      (db) => expect(candidates(db)).toEqual(['bob', 'cy']),
    );
  });

  it('a new tier policy moves every tiered account\'s instant', async () => {
    await projectionSpec(
      balanceProjection,
      [
        // 120 in June 2029 and 60 in December: above 100 in a 365-day window until June 2030.
        of('eve', earned(120, { source: 'e1', at: at('2029-06-01') })),
        bronze('eve', '2029-06-01'),
        of('eve', earned(60, { source: 'e2', at: at('2029-12-01') })),
        // With a 180-day window the June points left on 2029-11-28: below since then.
        window180,
      ],
      (db) => expect(candidates(db)).toEqual(['eve']),
    );
    await projectionSpec(balanceProjection, [of('eve', earned(120, { source: 'e1', at: at('2029-06-01') })), bronze('eve', '2029-06-01'), of('eve', earned(60, { source: 'e2', at: at('2029-12-01') }))], (db) =>
      expect(candidates(db)).toEqual([]),
    );
  });
});
