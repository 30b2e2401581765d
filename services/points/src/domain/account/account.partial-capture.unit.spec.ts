import { DeciderSpecification } from '@hope/kernel/testing';
import { ValidationError } from '@hope/kernel';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decide';
import { ReservationClosed } from './account.errors';
import type { AccountEvent } from './account.events';
import { availablePoints, reservedPoints } from './account.state';
import { at, earned, EXPERT, reserved, T0 } from './account.fixtures';

const spec = DeciderSpecification.for(accountDecider);
const fold = (events: AccountEvent[]) => events.reduce(accountDecider.evolve, accountDecider.initialState);
const run = (history: AccountEvent[], cmd: AccountCommand) => accountDecider.decide(cmd, fold(history));

describe('partial capture (consulting captures a share, e.g. under its cancellation policy)', () => {
  const held = [
    earned(150, { source: 'old', at: at('2030-01-01T00:00:00Z') }),
    earned(200, { source: 'new', at: at('2030-02-01T00:00:00Z') }),
    reserved(200, [{ lotId: 'lot-old', points: 150 }, { lotId: 'lot-new', points: 50 }]),
  ];
  const capture = (points?: number): AccountCommand => ({ type: 'CaptureReservation', data: { expertId: EXPERT, reservationId: 'r-1', by: 'consulting', byRole: 'service', ...(points !== undefined ? { points } : {}) }, metadata: { now: T0 } });

  it('captures that many from the oldest lots and releases the remainder, in the same decision', () => {
    spec
      .given(held)
      .when(capture(120))
      .then([
        { type: 'ReservationCaptured', data: { expertId: EXPERT, reservationId: 'r-1', points: 120, at: T0.toISOString(), by: 'consulting' } },
        {
          type: 'ReservationReleased',
          data: { expertId: EXPERT, reservationId: 'r-1', points: 80, lots: [{ lotId: 'lot-old', points: 30, pending: false }, { lotId: 'lot-new', points: 50, pending: false }], reason: 'partial-capture', at: T0.toISOString(), by: 'consulting' },
        },
      ]);
    const after = fold([...held, ...run(held, capture(120))]);
    expect({ available: availablePoints(after), reserved: reservedPoints(after), status: after.reservations.get('r-1')?.status, captured: after.reservations.get('r-1')?.captured }).toEqual({
      available: 230,
      reserved: 0,
      status: 'captured',
      captured: 120,
    });
  });

  it('the whole amount (or no amount) is a plain capture', () => {
    expect(run(held, capture(200)).map((e) => e.type)).toEqual(['ReservationCaptured']);
    expect(run(held, capture()).map((e) => e.type)).toEqual(['ReservationCaptured']);
  });

  it('is idempotent like the full capture: once captured, capturing again does nothing; releasing is refused', () => {
    const captured = [...held, ...run(held, capture(120))];
    spec.given(captured).when(capture(120)).thenNothingHappened();
    spec.given(captured).when(capture()).thenNothingHappened();
    spec
      .given(captured)
      .when({ type: 'ReleaseReservation', data: { expertId: EXPERT, reservationId: 'r-1', reason: 'cancelled', by: 'x', byRole: 'expert' }, metadata: { now: T0 } })
      .thenThrows(ReservationClosed);
  });

  it('refuses 0, more than reserved, or a fraction (400 naming points)', () => {
    for (const p of [0, 201, 1.5]) spec.given(held).when(capture(p)).thenThrows(ValidationError, (e) => expect(e).toMatchObject({ status: 400 }));
  });

  it('the released remainder that lands in an expired lot expires in the same decision', () => {
    const expiring = [earned(200, { source: 'x', expiresAt: at('2030-03-10T00:00:00Z') }), reserved(200, [{ lotId: 'lot-x', points: 200 }])];
    const late: AccountCommand = { type: 'CaptureReservation', data: { expertId: EXPERT, reservationId: 'r-1', by: 'consulting', byRole: 'service', points: 50 }, metadata: { now: at('2030-03-11T00:00:00Z') } };
    expect(run(expiring, late).map((e) => [e.type, (e.data as { points: number }).points])).toEqual([
      ['ReservationCaptured', 50],
      ['ReservationReleased', 150],
      ['PointsExpired', 150],
    ]);
  });
});

describe('per-redemption hold: the timeout honours the reservation\'s own timeoutAt', () => {
  it('a reservation held for 30 days is not released by the timeout before then', () => {
    const holdUntil = new Date(T0.getTime() + 30 * 86_400_000);
    const h: AccountEvent[] = [earned(300), { type: 'PointsReserved', data: { ...(reserved(200, [{ lotId: 'lot-src-1', points: 200 }]).data as object), timeoutAt: holdUntil.toISOString() } } as AccountEvent];
    const timeout = (now: Date): AccountCommand => ({ type: 'ReleaseTimedOutReservations', data: { expertId: EXPERT }, metadata: { now } });
    spec.given(h).when(timeout(new Date(holdUntil.getTime() - 1))).thenNothingHappened();
    expect(run(h, timeout(holdUntil)).map((e) => e.type)).toEqual(['ReservationReleased']);
  });
});
