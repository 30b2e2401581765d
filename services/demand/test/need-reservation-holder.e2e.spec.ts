import { randomUUID } from 'node:crypto';
import { pointsService } from '@hope/points';
import { ManualClock } from '@hope/platform/testing';
import { demandService } from '../src';
import { DemandHarness } from './demand-e2e.harness';

const need = { title: { en: 'Cheap thermal camera' }, description: { en: 'Under 500 CNY for line inspection.' }, domain: 'industrial-internet', keywords: ['thermal'] };

/**
 * The need saga's reservation is demand's: the expert cannot take the points back under a need in
 * review and have it published for free. (A capture that finds the reservation gone leaves the need
 * unpublished, `lapsed`: nothing was delivered, so nothing is owed.)
 */
describe("the need saga's reservation belongs to the saga (demand + points, embedded)", () => {
  jest.setTimeout(60_000);
  const h = new DemandHarness({ clock: new ManualClock(new Date()), services: [demandService, pointsService] });
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('the expert releasing the need’s reservation at points is refused 403; the review then captures it', async () => {
    const op = await h.token('operator', 'op-1');
    const id = `x-${randomUUID().slice(0, 8)}`;
    expect((await h.call(op, 'POST', `/accounts/${id}/adjustments`, { adjustmentId: randomUUID(), points: 100, reason: 'test grant' }, {}, 'points')).status).toBe(201);
    const token = await h.token('expert', id);
    const requested = await h.call(token, 'POST', '/needs', need, { 'Idempotency-Key': randomUUID() });
    expect(requested.body).toMatchObject({ status: 'in-review', points: 100 });
    const ledger = (await h.call(op, 'GET', `/accounts/${id}/ledger`, undefined, {}, 'points')).body.items as { type: string; data: { reservationId?: string; heldBy?: string } }[];
    const reserved = ledger.find((e) => e.type === 'PointsReserved')!;
    expect(reserved.data.heldBy).toBe('service:demand');

    const refused = await h.call(token, 'POST', `/accounts/${id}/redemptions/${reserved.data.reservationId}/release`, {}, {}, 'points');
    expect([refused.status, refused.body.code]).toEqual([403, 'POINTS.RESERVATION_HELD_BY_SERVICE']);
    expect(refused.body.detail).toContain('cancel the interview / seat / need through service:demand');

    expect((await h.call(op, 'POST', `/needs/${requested.body.needId}/approval`)).body).toMatchObject({ status: 'published' });
    expect((await h.call(op, 'GET', `/accounts/${id}`, undefined, {}, 'points')).body).toMatchObject({ available: 0, reserved: 0, lifetimeSpent: 100 });
  });
});
