import { checkReservations } from './checks';
import type { PointsLedger, ReservationTrail } from './points-ledger';

const ledgerWith = (trails: Record<string, ReservationTrail>): PointsLedger => ({
  accounts: new Map(),
  earnings: [],
  reversals: [],
  declines: [],
  reservations: new Map([['alice', new Map(Object.entries(trails))]]),
  totals: new Map(),
  earnedBySource: new Map(),
});
const m = (eventId: string, points: number) => ({ eventId, points });

describe('verify: a reservation ends once, for the points it held', () => {
  it('accepts a full capture, a release, a partial capture (the rest released) and an open reservation', () => {
    expect(
      checkReservations(
        ledgerWith({
          full: { reserved: m('r1', 80), captured: [m('c1', 80)], released: [] },
          released: { reserved: m('r2', 80), captured: [], released: [m('x2', 80)] },
          partial: { reserved: m('r3', 80), captured: [m('c3', 30)], released: [m('x3', 50)] },
          open: { reserved: m('r4', 80), captured: [], released: [] },
        }),
      ),
    ).toEqual([]);
  });

  it('reports a second capture, and captured + released that differ from what was held', () => {
    const codes = checkReservations(
      ledgerWith({
        twice: { reserved: m('r1', 80), captured: [m('c1', 80), m('c1b', 80)], released: [] },
        short: { reserved: m('r2', 80), captured: [m('c2', 30)], released: [] },
        overReleased: { reserved: m('r3', 80), captured: [m('c3', 30)], released: [m('x3', 50), m('x3b', 50)] },
      }),
    ).map((f) => `${f.ids.reservationId} ${f.code}`);
    expect(codes).toEqual(['twice CAPTURED_TWICE', 'twice RESERVATION_AMOUNT_MISMATCH', 'short RESERVATION_AMOUNT_MISMATCH', 'overReleased RESERVATION_AMOUNT_MISMATCH']);
  });
});
