import { projectionSpec } from '@hope/eventstore/testing';
import { earned, EXPERT, reserved } from '../../domain/account/account.fixtures';
import { ledgerProjection } from './ledger.projection';
import { SqliteLedgerQueries } from './ledger.queries';

const stream = `account-${EXPERT}`;

describe('points_ledger projection (given events, then rows; rebuild equals live)', () => {
  it('lists every movement with its deltas, rule id and version, source and reservation, oldest first', async () => {
    await projectionSpec(
      ledgerProjection,
      [
        { stream, ...earned(200, { source: 'a' }) },
        { stream, type: 'EarningDeclined', data: { expertId: EXPERT, ruleId: 'clue-submitted', ruleVersion: 2, sourceEventId: 'c', sourceType: 'ClueSubmitted', reason: 'limit-day', at: '2030-03-04T10:00:00.000Z' } },
        { stream, ...reserved(80, [{ lotId: 'lot-a', points: 80 }]) },
      ],
      (db) => {
        const ledger = new SqliteLedgerQueries(db);
        const { items, next } = ledger.page(EXPERT, 0, 10);
        expect(next).toBeUndefined();
        expect(items.map(({ type, points, availableDelta, reservedDelta, ruleId, ruleVersion, sourceEventId, reservationId }) => ({ type, points, availableDelta, reservedDelta, ruleId, ruleVersion, sourceEventId, reservationId }))).toEqual([
          { type: 'PointsEarned', points: 200, availableDelta: 200, reservedDelta: 0, ruleId: 'plan-adopted', ruleVersion: 1, sourceEventId: 'a', reservationId: undefined },
          { type: 'EarningDeclined', points: 0, availableDelta: 0, reservedDelta: 0, ruleId: 'clue-submitted', ruleVersion: 2, sourceEventId: 'c', reservationId: undefined },
          { type: 'PointsReserved', points: 80, availableDelta: -80, reservedDelta: 80, ruleId: undefined, ruleVersion: undefined, sourceEventId: undefined, reservationId: 'r-1' },
        ]);
        expect(ledger.page(EXPERT, 0, 2).next).toBe(items[1]!.cursor);
        expect([ledger.hasReservation(EXPERT, 'r-1'), ledger.hasReservation(EXPERT, 'r-2')]).toEqual([true, false]);
        expect([...ledger.earningsBetween(new Date(0), new Date('2040-01-01T00:00:00.000Z'))].map((e) => e.sourceEventId)).toEqual(['a']);
      },
    );
  });
});
