import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { RecordedEvent } from '@hope/eventstore';
import { accountAsOf } from '../../application/account-queries';
import { DAY, history, play, START } from '../../domain/account/account.arbitraries';
import type { AccountEvent } from '../../domain/account/account.events';
import { EXPERT } from '../../domain/account/account.fixtures';
import { readTier } from './account-tiers';
import { balanceProjection, readBalance } from './balance.projection';
import { ledgerProjection, readLedger } from '../ledger/ledger.projection';
import { pointsExpiringBy, readDebt } from './lot-balances';

/** The read models GET /accounts/{id} and ?asOf= answer from, held to the account fold over random histories. */
describe('the lot read model behind GET /accounts/{id} (points_lots, points_debts)', () => {
  it('holds, lot by lot, what the account fold holds (including debt repayment, which no event lists)', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { state, events } = play(steps);
        const db = new Database(':memory:');
        try {
          db.exec(balanceProjection.schema);
          events.forEach((e, i) => balanceProjection.apply(db, { ...e, id: `e${i}`, stream: `account-${EXPERT}`, revision: i, position: { commit: BigInt(i), prepare: BigInt(i) }, recordedAt: new Date(START), metadata: {} } as RecordedEvent));
          const rows = db.prepare<[], { lot_id: string; remaining: number; pending: number }>('SELECT lot_id, remaining, pending FROM points_lots ORDER BY lot_id').all();
          const lots = state.lots.values().sort((a, b) => (a.lotId < b.lotId ? -1 : 1));
          expect(rows).toEqual(lots.map((l) => ({ lot_id: l.lotId, remaining: l.remaining, pending: l.pending ? 1 : 0 })));
          expect(readDebt(db, EXPERT)).toBe(state.debt);
          const horizon = new Date(START + 200 * DAY);
          expect(pointsExpiringBy(db, EXPERT, horizon)).toBe(lots.filter((l) => l.remaining > 0 && Date.parse(l.expiresAt) <= horizon.getTime()).reduce((s, l) => s + l.remaining, 0));
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('as-of (GET /accounts/{id}?asOf=, /ledger?asOf=) computed in memory', () => {
  it('answers what the balance and ledger projections, applied to the same events, hold', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.integer({ min: 1, max: 5 }), (steps, cut, limit) => {
        const { events } = play(steps);
        const tier: AccountEvent = { type: 'TierChanged', data: { expertId: EXPERT, from: 'none', to: 'silver', earnedInYear: 500, at: new Date(START).toISOString() } };
        const recorded = [...events.slice(0, 3), tier, ...events.slice(3)].map(
          (e, i) => ({ ...e, id: `e${i}`, stream: `account-${EXPERT}`, revision: i, position: { commit: BigInt(i + 1), prepare: BigInt(i + 1) }, recordedAt: new Date(START), metadata: {} }) as RecordedEvent,
        );
        const until = new Date(START + 90 * DAY);
        const after = recorded.length === 0 ? 0 : cut % (recorded.length + 1);
        const db = new Database(':memory:');
        try {
          for (const p of [balanceProjection, ledgerProjection]) db.exec(p.schema);
          for (const e of recorded) for (const p of [balanceProjection, ledgerProjection]) if (!p.filter.eventTypes || p.filter.eventTypes.includes(e.type)) p.apply(db, e);
          const { updatedAt: _u, ...balance } = readBalance(db, EXPERT);
          expect(accountAsOf(recorded, until, { after, limit })).toEqual({
            balance,
            tier: readTier(db, EXPERT),
            expiringIn30Days: pointsExpiringBy(db, EXPERT, new Date(until.getTime() + 30 * DAY)),
            ledger: readLedger(db, EXPERT, after, limit),
          });
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
