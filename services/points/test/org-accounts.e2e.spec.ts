import { randomUUID } from 'node:crypto';
import { startPoints, type PointsHarness } from './points.harness';

describe('points e2e: organisation accounts (org:<organisationId>), spent by their members only', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints()));
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const member = { sub: 'buyer-1', role: 'enterprise' as const, org: 'acme' };
  const rival = { sub: 'buyer-9', role: 'enterprise' as const, org: 'globex' };
  const expert = { sub: 'alice', role: 'expert' as const };
  const ACME = '/accounts/org:acme';

  it('an operator grants points to an organisation; its members see and spend them; other organisations and experts cannot', async () => {
    await h.memberships([{ organisationId: 'acme', subject: 'buyer-1' }, { organisationId: 'acme', subject: 'buyer-2' }, { organisationId: 'globex', subject: 'buyer-9' }]);
    expect((await h.call('POST', `${ACME}/adjustments`, operator, { adjustmentId: randomUUID(), points: 500, reason: 'enterprise package' })).status).toBe(201);
    await h.call('POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points: 500, reason: 'expert grant' });
    expect((await h.call('GET', ACME, member)).body).toMatchObject({ expertId: 'org:acme', available: 500, tier: 'none' });

    const before = await h.countEvents();
    const refused: [string, string, { sub: string; role: 'enterprise' | 'expert'; org?: string }, unknown?][] = [
      ['GET', ACME, rival],
      // A token naming acme is not membership: a subject demand never added to acme is refused.
      ['GET', ACME, { sub: 'buyer-9', role: 'enterprise', org: 'acme' }],
      ['POST', `${ACME}/redemptions`, { sub: 'mallory', role: 'enterprise', org: 'acme' }, { itemId: 'expert-interview' }],
      ['GET', `${ACME}/ledger`, rival],
      ['GET', `${ACME}/explain`, rival],
      ['POST', `${ACME}/redemptions`, rival, { itemId: 'expert-interview' }],
      ['GET', ACME, expert],
      ['POST', `${ACME}/redemptions`, expert, { itemId: 'expert-interview' }],
      // An expert whose subject looks like the organisation's account id still is not its member.
      ['GET', ACME, { sub: 'org:acme', role: 'expert' }],
      // A member never reaches an expert's account, nor another organisation's.
      ['GET', '/accounts/alice', member],
      ['POST', '/accounts/alice/redemptions', member, { itemId: 'expert-interview' }],
      ['GET', '/accounts/org:globex', member],
      ['POST', `${ACME}/adjustments`, member, { adjustmentId: randomUUID(), points: 100, reason: 'self-service' }],
    ];
    for (const [method, path, who, body] of refused) {
      const r = await h.call(method, path, who, body, { 'idempotency-key': randomUUID() });
      expect({ method, path, who: who.sub, status: r.status, type: r.contentType.includes('problem+json') }).toEqual({ method, path, who: who.sub, status: 403, type: true });
    }
    expect(await h.countEvents()).toBe(before);

    // A member books an expert interview with the organisation's points; the consulting service captures it.
    const booked = await h.call('POST', `${ACME}/redemptions`, member, { itemId: 'expert-interview' }, { 'idempotency-key': randomUUID() });
    expect(booked.body).toMatchObject({ points: 200, status: 'open', balance: { available: 300, reserved: 200 } });
    expect((await h.call('POST', `${ACME}/redemptions/${booked.body.reservationId}/capture`, { sub: 'consulting', role: 'service' })).body).toMatchObject({ status: 'captured' });
    // A member cancels another booking: released as cancelled.
    const second = await h.call('POST', `${ACME}/redemptions`, member, { itemId: 'publish-need' }, { 'idempotency-key': randomUUID() });
    expect((await h.call('POST', `${ACME}/redemptions/${second.body.reservationId}/release`, member, { reason: 'fulfilment-failed' })).body).toMatchObject({ status: 'released' });

    expect((await h.call('GET', ACME, { sub: 'an-1', role: 'analyst' })).body).toMatchObject({ available: 300, lifetimeSpent: 200 });
    const ledger = (await h.call('GET', `${ACME}/ledger`, { sub: 'buyer-2', role: 'enterprise', org: 'acme' })).body.items as { type: string; data: { reason?: string } }[];
    expect(ledger.map((e) => e.type)).toEqual(['PointsAdjusted', 'PointsReserved', 'ReservationCaptured', 'PointsReserved', 'ReservationReleased']);
    expect(ledger[4]!.data.reason).toBe('cancelled');
    // The expert's account is untouched, and organisations never rank among experts.
    expect((await h.call('GET', '/accounts/alice', expert)).body.available).toBe(500);
    expect((await h.call('GET', '/leaderboard', operator)).body.items).toEqual([]);

    // Removed in demand: refused once the removal is consumed, the account untouched.
    await h.memberships([{ organisationId: 'acme', subject: 'buyer-1', removed: true }]);
    const afterRemoval = await h.countEvents();
    expect((await h.call('GET', ACME, member)).status).toBe(403);
    expect((await h.call('POST', `${ACME}/redemptions`, member, { itemId: 'publish-need' }, { 'idempotency-key': randomUUID() })).status).toBe(403);
    expect(await h.countEvents()).toBe(afterRemoval);
    expect((await h.call('GET', ACME, { sub: 'buyer-2', role: 'enterprise', org: 'acme' })).status).toBe(200);
  });
});
