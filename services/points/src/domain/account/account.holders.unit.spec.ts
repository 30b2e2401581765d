import { DeciderSpecification } from '@hope/kernel/testing';
import type { Role } from '@hope/kernel';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decide';
import { IdReused } from './account.errors';
import type { AccountEvent } from './account.events';
import { ReservationHeldByService } from './account.holders';
import { availablePoints } from './account.state';
import { adjust, earned, EXPERT, reserve, reserved, T0 } from './account.fixtures';

const spec = DeciderSpecification.for(accountDecider);
const fold = (events: AccountEvent[]) => events.reduce(accountDecider.evolve, accountDecider.initialState);
const run = (history: AccountEvent[], cmd: AccountCommand) => accountDecider.decide(cmd, fold(history));

const reserveAs = (by: string, role: Role): AccountCommand => {
  const c = reserve('expert-interview');
  return c.type === 'ReservePoints' ? { ...c, data: { ...c.data, requestedBy: by, requesterRole: role } } : c;
};
const release = (by: string, byRole: Role): AccountCommand => ({ type: 'ReleaseReservation', data: { expertId: EXPERT, reservationId: 'r-1', reason: 'cancelled', by, byRole }, metadata: { now: T0 } });
const capture = (by: string, byRole: Role): AccountCommand => ({ type: 'CaptureReservation', data: { expertId: EXPERT, reservationId: 'r-1', by, byRole }, metadata: { now: T0 } });
const debt = (points: number, debtId = 'consulting:interview-1', reason = 'interview delivered, payment refused'): AccountCommand => ({
  type: 'RecordDebt',
  data: { expertId: EXPERT, debtId, points, reason, by: 'service:consulting' },
  metadata: { now: T0 },
});

describe('a reservation belongs to whoever holds it', () => {
  const funded = [earned(300)];
  const bySaga = [...funded, ...run(funded, reserveAs('service:consulting', 'service'))];
  const byOwner = [...funded, ...run(funded, reserveAs(EXPERT, 'expert'))];

  it('records the reserving service as holder, and the account itself for the owner’s own redemption', () => {
    expect(bySaga.at(-1)).toMatchObject({ type: 'PointsReserved', data: { requestedBy: 'service:consulting', heldBy: 'service:consulting' } });
    expect(byOwner.at(-1)).toMatchObject({ type: 'PointsReserved', data: { heldBy: EXPERT } });
  });

  it('the owner cannot release (nor another service capture) a saga’s reservation: 403 naming the holder', () => {
    spec.given(bySaga).when(release(EXPERT, 'expert')).thenThrows(ReservationHeldByService, (e) => {
      expect(e).toMatchObject({ code: 'POINTS.RESERVATION_HELD_BY_SERVICE', status: 403 });
      expect(e.message).toContain('cancel the interview / seat / need through service:consulting');
    });
    spec.given(bySaga).when(capture('service:demand', 'service')).thenThrows(ReservationHeldByService);
    spec.given(bySaga).when(release('service:demand', 'service')).thenThrows(ReservationHeldByService);
  });

  it('the holding service and operators may close it', () => {
    expect(run(bySaga, release('service:consulting', 'service'))[0]).toMatchObject({ type: 'ReservationReleased' });
    expect(run(bySaga, capture('service:consulting', 'service'))[0]).toMatchObject({ type: 'ReservationCaptured' });
    expect(run(bySaga, release('ops-1', 'operator'))[0]).toMatchObject({ type: 'ReservationReleased', data: { by: 'ops-1' } });
  });

  it('the owner’s own redemption stays releasable by the owner, and capturable by a fulfilling service', () => {
    expect(run(byOwner, release(EXPERT, 'expert'))[0]).toMatchObject({ type: 'ReservationReleased' });
    expect(run(byOwner, capture('service:consulting', 'service'))[0]).toMatchObject({ type: 'ReservationCaptured' });
  });

  it('reservations recorded before holders were: a service subject held it', () => {
    const legacy = (requestedBy: string): AccountEvent[] => {
      const e = reserved(200, [{ lotId: 'lot-src-1', points: 200 }]);
      if (e.type !== 'PointsReserved') return [];
      const { heldBy: _recordedSince, ...before } = e.data;
      return [...funded, { ...e, data: { ...before, requestedBy } }];
    };
    spec.given(legacy('service:consulting')).when(release(EXPERT, 'expert')).thenThrows(ReservationHeldByService);
    expect(run(legacy(EXPERT), release(EXPERT, 'expert'))[0]).toMatchObject({ type: 'ReservationReleased' });
  });
});

describe('a refused payment after delivery becomes debt', () => {
  it('takes what the lots hold, the rest is debt; a later grant repays the debt first', () => {
    const h = [earned(50)];
    spec.given(h).when(debt(200)).then([
      { type: 'PointsAdjusted', data: { expertId: EXPERT, adjustmentId: 'consulting:interview-1', points: -200, reason: 'interview delivered, payment refused', by: 'service:consulting', at: T0.toISOString(), lots: [{ lotId: 'lot-src-1', points: 50, pending: false }], debt: 150 } },
    ]);
    const owing = [...h, ...run(h, debt(200))];
    expect(fold(owing)).toMatchObject({ debt: 150 });
    const granted = [...owing, ...run(owing, adjust('grant-1', 300))];
    expect(fold(granted).debt).toBe(0);
    expect(availablePoints(fold(granted))).toBe(150);
  });

  it('is idempotent by the saga’s debt id; the same id for another amount is refused', () => {
    const owing = [...[earned(0)], ...run([], debt(200))];
    spec.given(owing).when(debt(200)).thenNothingHappened();
    spec.given(owing).when(debt(100)).thenThrows(IdReused);
  });

  it('refuses a non-positive amount naming points', () => {
    expect(() => run([], debt(0))).toThrow(expect.objectContaining({ code: 'POINTS.INVALID_DEBT', fields: [expect.objectContaining({ field: 'points' })] }));
  });
});
