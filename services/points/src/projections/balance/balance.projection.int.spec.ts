import { projectionSpec } from '@hope/eventstore/testing';
import { earned, EXPERT, reserved } from '../../domain/account/account.fixtures';
import Database from 'better-sqlite3';
import { balanceProjection, JOB_QUERIES } from './balance.projection';
import { SqliteBalanceQueries } from './balance.queries';

const stream = `account-${EXPERT}`;

describe('points_balances projection (given events, then rows; rebuild equals live)', () => {
  it('sums the movements into the balance and tracks the jobs\' work (pending lots, open reservations, lots to expire)', async () => {
    await projectionSpec(
      balanceProjection,
      [
        { stream, ...earned(200, { source: 'a', pending: true }) },
        { stream, ...earned(100, { source: 'b', expiresAt: new Date('2031-01-01T00:00:00.000Z') }) },
        { stream, ...reserved(80, [{ lotId: 'lot-b', points: 80 }]) },
        { stream, type: 'PointsExpired', data: { expertId: EXPERT, lots: [{ lotId: 'lot-b', points: 20, pending: false }], points: 20, at: '2031-01-01T00:00:00.000Z' } },
      ],
      (db) => {
        const balances = new SqliteBalanceQueries(db);
        expect(balances.balance(EXPERT)).toMatchObject({ earned: 300, pending: 200, available: 0, reserved: 80, expired: 20 });
        expect(db.prepare('SELECT lot_id FROM points_lots WHERE available_at IS NOT NULL').all()).toEqual([{ lot_id: 'lot-a' }]);
        expect(db.prepare('SELECT reservation_id FROM points_open_reservations').all()).toEqual([{ reservation_id: 'r-1' }]);
        const later = new Date('2040-01-01T00:00:00.000Z');
        expect(balances.accountsWithDuePending(later)).toEqual([EXPERT]);
        expect(balances.accountsWithTimedOutReservations(later)).toEqual([{ expertId: EXPERT, reservationIds: ['r-1'] }]);
        // lot-a still holds its 200 points, which expire by then; lot-b's were reserved (80) or expired (20).
        expect(balances.expiringBy(EXPERT, later)).toBe(200);
        // lot-b expired: only lot-a is left for the expiry job.
        expect(balances.lotsDueForExpiry(later, undefined).map((l) => l.lotId)).toEqual(['lot-a']);
      },
    );
  });

  it('the jobs read only the lots they have to look at: each of their queries searches its partial index of points_lots', () => {
    const db = new Database(':memory:');
    try {
      db.exec(balanceProjection.schema);
      const plan = (sql: string) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array((sql.match(/\?/g) ?? []).length).fill('x')).map((r) => (r as { detail: string }).detail).join('; ');
      expect(plan(JOB_QUERIES.duePending)).toMatch(/^SEARCH points_lots USING COVERING INDEX points_lots_unlock_due/);
      expect(plan(JOB_QUERIES.dueForExpiry)).toMatch(/^SEARCH points_lots USING COVERING INDEX points_lots_expiry_due/);
    } finally {
      db.close();
    }
  });
});
