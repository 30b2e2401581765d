import fc from 'fast-check';
import { applyMovement, emptyBalance } from './account.balance';
import type { AccountEvent } from './account.events';
import { availablePoints, oldestFirst, pendingPoints, reservedPoints } from './account.state';
import { accountDecider } from './account.decide';
import { history, play } from './account.arbitraries';

describe('ledger invariants (property-based)', () => {
  it('the balance is the sum of the movements: lots minus debt equal available, pending and reserved', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { state, events } = play(steps);
        const b = events.reduce(applyMovement, emptyBalance);
        expect({ available: availablePoints(state), pending: pendingPoints(state), reserved: reservedPoints(state) }).toEqual({ available: b.available, pending: b.pending, reserved: b.reserved });
        expect(b.available).toBe(b.earned + b.adjusted - b.pending - b.spent - b.reserved - b.expired - b.reversed);
        // While there is a debt nothing is spendable: the debt is what available lacks below zero.
        expect(state.debt > 0 ? state.lots.values().every((l) => l.pending || l.remaining === 0) : true).toBe(true);
        expect(state.debt).toBe(Math.max(0, -availablePoints(state)));
      }),
      {
        numRuns: 300,
        // Found by this property: a reversal's debt must be repaid at once from other spendable lots.
        examples: [[[[{ k: 'adjust', id: 0, points: -1 }, 0], [{ k: 'earn', rule: 'clue-submitted', source: 0, proposal: 4, pendingDays: 0 }, 0], [{ k: 'adjust', id: 1, points: 1 }, 0], [{ k: 'retract', proposal: 4 }, 0]]]] as never,
      },
    );
  });

  it('spending never makes available negative', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cmd, _before, events, after) => {
          if (cmd.type === 'ReservePoints' && events.length > 0) expect(availablePoints(after)).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('spending takes the oldest spendable lots first', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cmd, before, events) => {
          const e = events[0];
          if (cmd.type !== 'ReservePoints' || e?.type !== 'PointsReserved') return;
          const now = cmd.metadata.now.getTime();
          const spendable = oldestFirst(before.lots).filter((l) => !l.pending && l.remaining > 0 && Date.parse(l.expiresAt) > now);
          // The lots taken are a prefix of the spendable lots in age order, each emptied except the last.
          expect(e.data.lots.map((l) => l.lotId)).toEqual(spendable.slice(0, e.data.lots.length).map((l) => l.lotId));
          e.data.lots.slice(0, -1).forEach((m, i) => expect(m.points).toBe(spendable[i]!.remaining));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('expiry writes off exactly the lots past their date, and leaves younger lots alone', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cmd, before, _events, after) => {
          if (cmd.type !== 'ExpirePoints') return;
          const now = cmd.metadata.now.getTime();
          for (const lot of after.lots) {
            const was = before.lots.values().find((l) => l.lotId === lot.lotId)!;
            if (Date.parse(lot.expiresAt) <= now) expect(lot.remaining).toBe(0);
            else expect(lot.remaining).toBe(was.remaining);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('every command applied twice has the effect of once (redelivery, retry)', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cmd, _before, _events, after) => {
          let again: AccountEvent[] = [];
          try {
            again = accountDecider.decide(cmd, after);
          } catch {
            return; // e.g. a reservation that now lacks funds would be refused, also a no-op
          }
          if (cmd.type === 'ReservePoints' || cmd.type === 'EarnPoints' || cmd.type === 'ReverseSource' || cmd.type === 'AdjustPoints' || cmd.type === 'UnlockPoints' || cmd.type === 'ExpirePoints') {
            expect(again).toEqual([]);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
