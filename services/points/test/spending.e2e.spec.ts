import { randomUUID } from 'node:crypto';
import { ReservationTimeoutJob } from '../src/jobs/reservation-timeout.job';
import { startPoints, type PointsHarness } from './points.harness';

describe('points e2e: redemptions, capture/release, timeout, operator adjustments over HTTP', () => {
  jest.setTimeout(90_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints()));
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const alice = { sub: 'alice', role: 'expert' as const };
  const service = { sub: 'consulting', role: 'service' as const };
  const grant = (points: number, adjustmentId = randomUUID()) => h.call('POST', '/accounts/alice/adjustments', operator, { adjustmentId, points, reason: 'launch bonus' });
  const balance = async () => (await h.call('GET', '/accounts/alice', operator)).body;

  it('100 concurrent redemptions on one account: the successes fit the balance, the rest are clear 422s, never negative', async () => {
    expect((await grant(1000)).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 100 }, () => h.call('POST', '/accounts/alice/redemptions', alice, { itemId: 'expert-interview' }, { 'idempotency-key': randomUUID() })));
    const ok = results.filter((r) => r.status === 201);
    const failed = results.filter((r) => r.status !== 201);
    expect(ok).toHaveLength(5); // 5 x 200 = 1000
    expect(new Set(failed.map((r) => `${r.status} ${r.body.code}`))).toEqual(new Set(['422 POINTS.INSUFFICIENT']));
    expect(failed.every((r) => r.contentType.includes('application/problem+json'))).toBe(true);
    expect(await balance()).toMatchObject({ available: 0, reserved: 1000, debt: 0 });
  });

  it('capture spends, release gives back, a timeout releases what nobody captured; repeats are no-ops (through the generated client)', async () => {
    await grant(1000);
    const asAlice = h.client(alice);
    const asService = h.client(service);
    const reservation = (reservationId: string) => ({ params: { path: { expertId: 'alice', reservationId } } });
    const redeem = async () => {
      const { data, error } = await asAlice.POST('/accounts/{expertId}/redemptions', { params: { path: { expertId: 'alice' } }, body: { itemId: 'technical-seminar-seat' } });
      if (!data) throw new Error(`redeem failed: ${JSON.stringify(error)}`);
      return data;
    };
    const [a, b, c] = [await redeem(), await redeem(), await redeem()];
    expect(a).toMatchObject({ points: 80, status: 'open', balance: { available: 920 } });
    expect((await asService.POST('/accounts/{expertId}/redemptions/{reservationId}/capture', { ...reservation(a.reservationId), body: {} })).data).toMatchObject({ status: 'captured' });
    expect((await asService.POST('/accounts/{expertId}/redemptions/{reservationId}/capture', { ...reservation(a.reservationId), body: {} })).response.status).toBe(200);
    const released = await asService.POST('/accounts/{expertId}/redemptions/{reservationId}/release', { ...reservation(b.reservationId), body: { reason: 'fulfilment-failed' } });
    expect(released.data).toMatchObject({ status: 'released' });
    const late = await asService.POST('/accounts/{expertId}/redemptions/{reservationId}/capture', { ...reservation(b.reservationId), body: {} });
    expect([late.response.status, late.error?.code]).toEqual([409, 'POINTS.RESERVATION_RELEASED']);
    expect((await asAlice.POST('/accounts/{expertId}/redemptions/{reservationId}/capture', { ...reservation(a.reservationId), body: {} })).response.status).toBe(403);
    const unknown = await asService.POST('/accounts/{expertId}/redemptions/{reservationId}/capture', { ...reservation(randomUUID()), body: {} });
    expect([unknown.response.status, unknown.response.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/problem+json')]);

    const asOperator = h.client(operator);
    const balanceNow = async () => (await asOperator.GET('/accounts/{expertId}', { params: { path: { expertId: 'alice' } } })).data;
    h.clock.advance(24 * 3_600_000 - 1);
    await h.running.app.app.get(ReservationTimeoutJob).run();
    expect(await balanceNow()).toMatchObject({ reserved: 80 });
    h.clock.advance(1);
    await h.running.app.app.get(ReservationTimeoutJob).run();
    expect(await balanceNow()).toMatchObject({ available: 920, reserved: 0, lifetimeSpent: 80 });
    const ledger = (await asOperator.GET('/accounts/{expertId}/ledger', { params: { path: { expertId: 'alice' }, query: {} } })).data?.items ?? [];
    const timedOut = ledger.find((e) => e.type === 'ReservationReleased' && e.reservationId === c.reservationId);
    expect((timedOut?.data as { reason?: string } | undefined)?.reason).toBe('timeout');
  });

  it('an Idempotency-Key retry reserves once; an operator adjustment retried with its id is a no-op, another amount under it is 409', async () => {
    await grant(500);
    const key = randomUUID();
    const first = await h.call('POST', '/accounts/alice/redemptions', alice, { itemId: 'publish-need' }, { 'idempotency-key': key });
    const retry = await h.call('POST', '/accounts/alice/redemptions', alice, { itemId: 'publish-need' }, { 'idempotency-key': key });
    expect(retry.body.reservationId).toBe(first.body.reservationId);
    expect(await balance()).toMatchObject({ available: 400, reserved: 100 });

    const id = randomUUID();
    expect((await grant(50, id)).status).toBe(201);
    expect((await grant(50, id)).status).toBe(201);
    expect((await balance()).available).toBe(450);
    const reused = await grant(70, id);
    expect([reused.status, reused.body.code]).toEqual([409, 'POINTS.ADJUSTMENT_ID_REUSED']);
    // A revocation beyond what is spendable leaves a debt that blocks spending.
    await h.call('POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points: -500, reason: 'fraud found' });
    expect(await balance()).toMatchObject({ available: 0, debt: 50 });
    const blocked = await h.call('POST', '/accounts/alice/redemptions', alice, { itemId: 'publish-need' });
    expect([blocked.status, blocked.body.code]).toEqual([422, 'POINTS.DEBT_OUTSTANDING']);
  });

  it('bad input is a 4xx problem+json naming the field, and writes nothing', async () => {
    await grant(1000);
    const before = await h.countEvents();
    const cases: [string, string, { sub: string; role: 'expert' | 'operator' }, unknown, number, string?][] = [
      ['POST', '/accounts/alice/redemptions', alice, { itemId: 'yacht' }, 400, 'itemId'],
      ['POST', '/accounts/alice/redemptions', alice, { itemId: 'publish-need', price: 1 }, 400, 'price'],
      ['POST', '/accounts/alice/redemptions', alice, {}, 400, 'itemId'],
      ['POST', '/accounts/alice/redemptions', alice, '{"itemId": ', 400],
      ['POST', '/accounts/alice/redemptions', { sub: 'bob', role: 'expert' }, { itemId: 'publish-need' }, 403],
      ['POST', '/accounts/alice/redemptions', operator, { itemId: 'publish-need' }, 403],
      ['POST', '/accounts/bad%20id/redemptions', alice, { itemId: 'publish-need' }, 400, 'expertId'],
      ['POST', '/accounts/alice/redemptions', alice, { itemId: 'x'.repeat(2_000_000) }, 413],
      ['POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points: -1e9, reason: 'huge' }, 400, 'points'],
      ['POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points: 1.5, reason: 'half' }, 400, 'points'],
      ['POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points: 0, reason: 'zero' }, 400, 'points'],
      ['POST', '/accounts/alice/adjustments', operator, { adjustmentId: 'not-a-uuid', points: 5, reason: 'malformed' }, 400, 'adjustmentId'],
      ['POST', '/accounts/alice/adjustments', alice, { adjustmentId: randomUUID(), points: 5, reason: 'self-service' }, 403],
      ['POST', `/accounts/alice/redemptions/not-a-uuid/capture`, { sub: 'op', role: 'operator' }, undefined, 400, 'reservationId'],
    ];
    for (const [method, path, who, body, status, field] of cases) {
      const r = await h.call(method, path, who, body);
      expect({ path, body: typeof body === 'string' ? body : JSON.stringify(body)?.slice(0, 80), status: r.status }).toEqual({ path, body: typeof body === 'string' ? body : JSON.stringify(body)?.slice(0, 80), status });
      expect(r.contentType).toMatch(/application\/problem\+json/);
      if (field) expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    expect(await h.countEvents()).toBe(before);
  });
});
