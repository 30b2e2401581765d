import { randomUUID } from 'node:crypto';
import { ExpirePointsJob } from '../src/jobs/expire-points.job';
import { startPoints, type PointsHarness } from './points.harness';

const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('points e2e: expiry job on a manual clock, explain, expiring soon, as-of', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints(new Date('2030-01-15T10:00:00.000Z'))));
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const service = { sub: 'consulting', role: 'service' as const };
  const grant = (points: number) => h.call('POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points, reason: 'test grant' });
  const account = async (query = '') => (await h.call('GET', `/accounts/alice${query}`, operator)).body;
  const expire = () => h.running.app.app.get(ExpirePointsJob).run();

  it('expires what the oldest lot still holds at 24 months, as events; points released into an expired lot expire at once; as-of answers the past', async () => {
    expect((await grant(100)).status).toBe(201); // lot 1, expires 2032-01-15T10:00
    h.clock.advance(31 * DAY);
    await grant(50); // lot 2, a month younger
    await sleep(20);
    const beforeRedemption = new Date();
    await sleep(20);
    const seat = await h.call('POST', '/accounts/alice/redemptions', service, { itemId: 'technical-seminar-seat' }, { 'idempotency-key': randomUUID() });
    expect(seat.body).toMatchObject({ points: 80, balance: { available: 70, reserved: 80 } });

    expect(await account()).toMatchObject({ available: 70, expiringIn30Days: 0 });
    h.clock.advance(Date.parse('2032-01-05T10:00:00.000Z') - h.clock.now().getTime());
    // Served from the read models: the account's stream is not read (nor folded) per call.
    const reads = jest.spyOn(h.store, 'readStream');
    expect(await account()).toMatchObject({ available: 70, expiringIn30Days: 20 });
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    const explained = (await h.call('GET', '/accounts/alice/explain', { sub: 'alice', role: 'expert' })).body;
    expect(explained.lots.map((l: { remaining: number; expiresAt: string }) => [l.remaining, l.expiresAt])).toEqual([
      [20, '2032-01-15T10:00:00.000Z'],
      [50, '2032-02-15T10:00:00.000Z'],
    ]);
    expect(explained.lots[0].origin).toMatch(/^adjustment .* by op-1: test grant$/);

    // Not yet due: nothing written.
    const events = await h.countEvents();
    await expire();
    expect(await h.countEvents()).toBe(events);

    h.clock.advance(10 * DAY);
    await expire();
    expect(await account()).toMatchObject({ available: 50, reserved: 80, expired: 20 });
    await expire(); // a second run finds nothing more
    expect((await account()).expired).toBe(20);

    // The fulfilling service gives the seat back: the 80 points return to the expired lot and expire with it.
    const released = await h.call('POST', `/accounts/alice/redemptions/${seat.body.reservationId}/release`, service, { reason: 'fulfilment-failed' });
    expect(released.body).toMatchObject({ status: 'released', balance: { available: 50, reserved: 0 } });
    expect(await account()).toMatchObject({ available: 50, expired: 100 });
    const ledger = (await h.call('GET', '/accounts/alice/ledger', operator)).body.items as { type: string; points: number }[];
    expect(ledger.map((e) => [e.type, e.points])).toEqual([
      ['PointsAdjusted', 100],
      ['PointsAdjusted', 50],
      ['PointsReserved', 80],
      ['PointsExpired', 20],
      ['ReservationReleased', 80],
      ['PointsExpired', 80],
    ]);

    // As of an instant before the redemption: the balance and ledger then, computed from the events.
    const then = await account(`?asOf=${beforeRedemption.toISOString()}`);
    expect(then).toMatchObject({ available: 150, reserved: 0, expired: 0, asOf: beforeRedemption.toISOString() });
    const ledgerThen = (await h.call('GET', `/accounts/alice/ledger?asOf=${beforeRedemption.toISOString()}`, operator)).body;
    expect(ledgerThen.items.map((e: { points: number }) => e.points)).toEqual([100, 50]);
    expect((await h.call('GET', '/accounts/alice?asOf=yesterday', operator)).status).toBe(400);

    // The expiry is in the events: rebuilding gives the same read models.
    const live = h.running.projections.checksum('points_balances');
    await h.running.projections.rebuild('points_balances');
    await h.settle();
    expect(h.running.projections.checksum('points_balances')).toBe(live);
    expect(await account()).toMatchObject({ available: 50, expired: 100 });
  });
});
