import { projectionSpec } from '@hope/eventstore/testing';
import type { AccountEvent } from '../../domain/account/account.events';
import { earned } from '../../domain/account/account.fixtures';
import { leaderboardProjection } from './leaderboard.projection';
import { SqliteLeaderboardQueries } from './leaderboard.queries';

const earning = (expertId: string, points: number, at: string, source: string) => {
  const e = earned(points, { source, at: new Date(at) }) as Extract<AccountEvent, { type: 'PointsEarned' }>;
  return { stream: `account-${expertId}`, type: e.type, data: { ...e.data, expertId } };
};

describe('points_leaderboard projection (given events, then rows; rebuild equals live)', () => {
  it('ranks experts by points earned overall, per month and per quarter (ties by id)', async () => {
    await projectionSpec(
      leaderboardProjection,
      [
        earning('ann', 200, '2030-01-10T00:00:00.000Z', 'a1'),
        earning('bob', 50, '2030-02-10T00:00:00.000Z', 'b1'),
        earning('bob', 200, '2030-04-01T00:00:00.000Z', 'b2'),
        earning('cy', 200, '2030-03-31T23:59:59.999Z', 'c1'),
        { stream: 'account-ann', type: 'PointsReserved', data: {} },
      ],
      (db) => {
        expect(new SqliteLeaderboardQueries(db).top('all', 20)).toEqual([
          { rank: 1, expertId: 'bob', earned: 250 },
          { rank: 2, expertId: 'ann', earned: 200 },
          { rank: 3, expertId: 'cy', earned: 200 },
        ]);
        expect(new SqliteLeaderboardQueries(db).top('2030-Q1', 2)).toEqual([
          { rank: 1, expertId: 'ann', earned: 200 },
          { rank: 2, expertId: 'cy', earned: 200 },
        ]);
        expect(new SqliteLeaderboardQueries(db).top('2030-02', 20)).toEqual([{ rank: 1, expertId: 'bob', earned: 50 }]);
        expect(new SqliteLeaderboardQueries(db).top('2030-Q2', 20)).toEqual([{ rank: 1, expertId: 'bob', earned: 200 }]);
      },
    );
  });

  it('ranks net of reversals: a retracted proposal takes its points back from the periods it was earned in, and the rank drops', async () => {
    const reversal = (expertId: string, proposalId: string, points: number, debt = 0) => ({
      stream: `account-${expertId}`,
      type: 'PointsReversed',
      data: { expertId, sourceEventId: `w-${proposalId}`, sourceType: 'ProposalWithdrawn', retracted: `proposal:${proposalId}`, reason: 'proposal-withdrawn', lots: [], debt, points, at: '2030-05-01T00:00:00.000Z' },
    });
    const earningOf = (expertId: string, points: number, at: string, source: string, proposalId: string) => {
      const e = earning(expertId, points, at, source);
      return { ...e, data: { ...e.data, provenance: { proposalId } } };
    };
    await projectionSpec(
      leaderboardProjection,
      [
        earningOf('ann', 200, '2030-01-10T00:00:00.000Z', 'a1', 'pa'),
        earningOf('ann', 50, '2030-04-10T00:00:00.000Z', 'a2', 'pb'),
        earningOf('bob', 150, '2030-01-20T00:00:00.000Z', 'b1', 'pc'),
        // ann's January plan is withdrawn in May (after she spent it: the reversal leaves a debt; the earning no longer counts either way).
        reversal('ann', 'pa', 200, 200),
        // A second retraction of the same proposal takes nothing more.
        reversal('ann', 'pa', 0),
      ],
      (db) => {
        expect(new SqliteLeaderboardQueries(db).top('all', 20)).toEqual([
          { rank: 1, expertId: 'bob', earned: 150 },
          { rank: 2, expertId: 'ann', earned: 50 },
        ]);
        // Taken back from January / Q1, where it was earned, not from May; ann has nothing left there.
        expect(new SqliteLeaderboardQueries(db).top('2030-01', 20)).toEqual([{ rank: 1, expertId: 'bob', earned: 150 }]);
        expect(new SqliteLeaderboardQueries(db).top('2030-Q1', 20)).toEqual([{ rank: 1, expertId: 'bob', earned: 150 }]);
        expect(new SqliteLeaderboardQueries(db).top('2030-Q2', 20)).toEqual([{ rank: 1, expertId: 'ann', earned: 50 }]);
      },
    );
  });
});
