import { createHash, randomUUID } from 'node:crypto';
import { MetricsService, SHARED_STATE, type SharedState } from '@hope/platform';
import { ReservationTimeoutJob } from '../src/jobs/reservation-timeout.job';
import { startPoints, type PointsHarness } from './points.harness';

const DAY = 86_400_000;

describe('points e2e: a reservation held until a chosen instant; partial capture', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints()));
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const service = { sub: 'consulting', role: 'service' as const };
  const alice = { sub: 'alice', role: 'expert' as const };
  const balance = async () => (await h.call('GET', '/accounts/alice', operator)).body;
  const redeem = (body: Record<string, unknown>) => h.call('POST', '/accounts/alice/redemptions', service, body, { 'idempotency-key': randomUUID() });

  beforeEach(async () => {
    expect((await h.call('POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points: 1000, reason: 'test grant' })).status).toBe(201);
  });

  it('holdUntil keeps the reservation past the catalogue timeout, and the timeout job releases it then', async () => {
    const holdUntil = new Date(h.clock.now().getTime() + 30 * DAY).toISOString();
    const held = await redeem({ itemId: 'expert-interview', holdUntil });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'open', timeoutAt: holdUntil });
    const plain = await redeem({ itemId: 'publish-need' });

    const job = h.running.app.app.get(ReservationTimeoutJob);
    const metrics = h.running.app.app.get(MetricsService);
    const timedOut = async () => (await metrics.registry.getSingleMetric('hope_saga_timeouts_total')!.get()).values.find((v) => v.labels.saga === 'points-reservation')?.value ?? 0;
    h.clock.advance(2 * DAY); // past the 24 h catalogue timeout: only the plain one goes
    await job.run();
    expect(await balance()).toMatchObject({ reserved: 200, available: 800 });
    expect(await timedOut()).toBe(1);
    h.clock.advance(28 * DAY - 1);
    await job.run();
    expect((await balance()).reserved).toBe(200);
    h.clock.advance(1);
    await job.run();
    expect(await balance()).toMatchObject({ reserved: 0, available: 1000 });
    await job.run();
    expect(await timedOut()).toBe(2);
    expect(plain.status).toBe(201);
  });

  it('a retry whose hold has passed since (its idempotency record gone) answers the reservation made, not a 400', async () => {
    const key = randomUUID();
    const holdUntil = new Date(h.clock.now().getTime() + 2 * DAY).toISOString();
    const first = await h.call('POST', '/accounts/alice/redemptions', service, { itemId: 'expert-interview', holdUntil }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    // The interceptor's record of the first answer expires (24 h): drop it, as time would.
    const state = h.running.app.app.get<SharedState>(SHARED_STATE);
    const record = `idem:${createHash('sha256').update(['consulting', 'POST', '/accounts/alice/redemptions', key].join('\n')).digest('hex')}`;
    expect(await state.get(record)).toBeDefined();
    await state.delete(record);
    h.clock.advance(3 * DAY); // the hold is in the past now
    const retry = await h.call('POST', '/accounts/alice/redemptions', service, { itemId: 'expert-interview', holdUntil }, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ reservationId: first.body.reservationId, timeoutAt: holdUntil });
    expect((await balance()).reserved).toBe(200);
  });

  it('a bad holdUntil is a 400 problem+json naming it, and writes nothing', async () => {
    const before = await h.countEvents();
    const now = h.clock.now().getTime();
    for (const holdUntil of [new Date(now - 1000).toISOString(), new Date(now + 181 * DAY).toISOString(), 'next tuesday', 42]) {
      const r = await redeem({ itemId: 'expert-interview', holdUntil });
      expect([r.status, r.contentType]).toEqual([400, expect.stringContaining('application/problem+json')]);
      expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain('holdUntil');
    }
    expect(await h.countEvents()).toBe(before);
  });

  it('capture { points } spends that share and releases the rest at once; repeating it is a no-op; bad amounts are 400', async () => {
    const r = await redeem({ itemId: 'expert-interview' });
    const path = `/accounts/alice/redemptions/${r.body.reservationId}/capture`;
    const before = await h.countEvents();
    for (const points of [0, 201, 1.5, 'ten']) {
      const bad = await h.call('POST', path, service, { points });
      expect([bad.status, (bad.body.errors as { field: string }[]).map((e) => e.field)]).toEqual([400, ['points']]);
    }
    expect((await h.call('POST', path, alice, { points: 10 })).status).toBe(403);
    expect(await h.countEvents()).toBe(before);

    const partial = await h.call('POST', path, service, { points: 120 });
    expect(partial.body).toMatchObject({ status: 'captured', captured: 120, released: 80, balance: { available: 880, reserved: 0 } });
    const again = await h.call('POST', path, service, { points: 120 });
    expect(again.body).toMatchObject({ status: 'captured', captured: 120, released: 80 });
    expect(await balance()).toMatchObject({ available: 880, reserved: 0, lifetimeSpent: 120 });
    const ledger = (await h.call('GET', '/accounts/alice/ledger', operator)).body.items as { type: string; points: number; data: { reason?: string } }[];
    expect(ledger.slice(-2).map((e) => [e.type, e.points, e.data.reason])).toEqual([
      ['ReservationCaptured', 120, undefined],
      ['ReservationReleased', 80, 'partial-capture'],
    ]);
    // A full capture with no body still works as before.
    const full = await redeem({ itemId: 'publish-need' });
    expect((await h.call('POST', `/accounts/alice/redemptions/${full.body.reservationId}/capture`, service)).body).toMatchObject({ captured: 100, released: 0 });
  });
});
