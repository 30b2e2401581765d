import { randomUUID } from 'node:crypto';
import { startPoints, type PointsHarness } from './points.harness';

/**
 * A reservation a service made for what it delivers is the service's: the account owner cannot give
 * the points back under it. A payment refused after delivery is recorded by the owning service as debt.
 */
describe('points e2e: reservations held by a saga, debts recorded by the owning service', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => {
    h = await startPoints();
    // Tenancy rests on membership demand publishes: the buyer is a member of acme.
    await h.memberships([{ organisationId: 'acme', subject: 'buyer-1' }]);
  });
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const member = { sub: 'buyer-1', role: 'enterprise' as const, org: 'acme' };
  const consulting = { sub: 'service:consulting', role: 'service' as const };
  const ACME = '/accounts/org:acme';
  const key = () => ({ 'idempotency-key': randomUUID() });
  const grant = async (points: number) => expect((await h.call('POST', `${ACME}/adjustments`, operator, { adjustmentId: randomUUID(), points, reason: 'package' })).status).toBe(201);

  it("a member cannot release consulting's reservation (403, the account untouched); consulting and operators can; the member's own stays theirs", async () => {
    await grant(400);
    const held = await h.call('POST', `${ACME}/redemptions`, consulting, { itemId: 'expert-interview' }, key());
    expect(held.status).toBe(201);
    const before = await h.countEvents();
    const refused = await h.call('POST', `${ACME}/redemptions/${held.body.reservationId}/release`, member, {});
    expect([refused.status, refused.contentType]).toEqual([403, expect.stringContaining('application/problem+json')]);
    expect(refused.body).toMatchObject({ code: 'POINTS.RESERVATION_HELD_BY_SERVICE', detail: expect.stringContaining('cancel the interview / seat / need through service:consulting') });
    expect(await h.countEvents()).toBe(before);
    // Another service is not the holder either.
    expect((await h.call('POST', `${ACME}/redemptions/${held.body.reservationId}/capture`, { sub: 'service:demand', role: 'service' }, {})).status).toBe(403);
    expect((await h.call('GET', ACME, member)).body).toMatchObject({ available: 200, reserved: 200 });
    expect((await h.call('POST', `${ACME}/redemptions/${held.body.reservationId}/release`, operator, {})).body).toMatchObject({ status: 'released' });

    const own = await h.call('POST', `${ACME}/redemptions`, member, { itemId: 'publish-need' }, key());
    expect((await h.call('POST', `${ACME}/redemptions/${own.body.reservationId}/release`, member, {})).body).toMatchObject({ status: 'released' });
  });

  it('a debt recorded by a service is idempotent by its id, blocks spending, and is repaid first by a later grant', async () => {
    await grant(50);
    const body = { debtId: 'consulting:interview-42', points: 200, reason: 'interview delivered, payment refused (POINTS.INSUFFICIENT)' };
    const first = await h.call('POST', `${ACME}/debts`, consulting, body, key());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ debtId: body.debtId, points: 200, collectedNow: 50, debt: 150, available: 0 });
    // The same saga again, under another key (a resumed saga after the key's record expired): nothing more.
    expect((await h.call('POST', `${ACME}/debts`, consulting, body, key())).body).toMatchObject({ debt: 150 });
    expect((await h.call('GET', ACME, member)).body).toMatchObject({ available: 0, debt: 150 });
    expect((await h.call('POST', `${ACME}/redemptions`, member, { itemId: 'publish-need' }, key())).body).toMatchObject({ code: 'POINTS.DEBT_OUTSTANDING' });
    await grant(300);
    expect((await h.call('GET', ACME, member)).body).toMatchObject({ available: 150, debt: 0 });
  });

  it('bad debt requests: 400 naming the field, 400 without Idempotency-Key, 403 for a member; nothing written', async () => {
    const before = await h.countEvents();
    const good = { debtId: 'consulting:interview-1', points: 200, reason: 'delivered' };
    for (const [field, body] of [['points', { ...good, points: 0 }], ['points', { ...good, points: 'many' }], ['debtId', { ...good, debtId: '../x' }], ['reason', { ...good, reason: '' }]] as const) {
      const r = await h.call('POST', `${ACME}/debts`, consulting, body, key());
      expect([r.status, r.contentType]).toEqual([400, expect.stringContaining('application/problem+json')]);
      expect(JSON.stringify(r.body)).toContain(field);
    }
    expect((await h.call('POST', `${ACME}/debts`, consulting, good)).status).toBe(400);
    expect((await h.call('POST', `${ACME}/debts`, member, good, key())).status).toBe(403);
    expect(await h.countEvents()).toBe(before);
  });
});
