import { randomUUID } from 'node:crypto';
import { newEnvelope, Topics } from '@hope/contracts';
import { EarningEventHandler } from '../src/application/earning.event-handler';
import { AggregateHandler } from '@hope/kernel';
import { claimQuota } from '../src/application/quota-claims';
import { ruleBudgets } from '../src/domain/quota/quota.aggregate';
import { DEFAULT_RULES } from '../src/domain/rules/earning-rules';
import { startPoints, type PointsHarness } from './points.harness';

const MIN = 60_000;

describe('points e2e: rules and catalogue changed by operators as events, global budgets, saga endpoints', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints()));
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const service = { sub: 'demand', role: 'service' as const };
  const adopted = (proposalId: string, expertId: string, at: Date) =>
    newEnvelope({ type: 'PlanAdopted', version: 1, stream: `proposal-${proposalId}`, occurredAt: at.toISOString(), data: { proposalId, demandId: 'd-1', expertId, at: at.toISOString() } });
  const planSubmitted = (proposalId: string, expertId: string, at: Date) =>
    newEnvelope({
      type: 'PlanSubmitted',
      version: 1,
      stream: `proposal-${proposalId}`,
      occurredAt: at.toISOString(),
      data: { proposalId, demandId: 'd-1', expertId, coAuthorIds: [], contentHash: 'h', submittedAt: at.toISOString() },
    });
  const rulesV1 = { rules: DEFAULT_RULES.rules, pendingDays: DEFAULT_RULES.pendingDays, expiry: DEFAULT_RULES.expiry };
  const withRule = (id: string, change: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...rulesV1,
    rules: rulesV1.rules.map((r) => (r.id === id ? { ...r, ...change } : r)),
    reason: 'campaign',
    ...extra,
  });

  it('a rule change is an event; each earning records its rule version; old sources earn what they earned; a rebuild explains the same balances', async () => {
    const before = new Date(h.clock.now().getTime() - 60 * MIN);
    const first = adopted('p-1', 'alice', before);
    await h.publish(Topics.demand, [first]);
    await h.settle();

    expect((await h.call('PUT', '/rules', { sub: 'an', role: 'analyst' }, withRule('plan-adopted', { points: 300 }))).status).toBe(403);
    const dup = await h.call('PUT', '/rules', operator, { ...rulesV1, rules: [rulesV1.rules[0], rulesV1.rules[0]], reason: 'oops' });
    expect([dup.status, dup.body.errors?.[0]?.field]).toEqual([400, 'rules.1.id']);
    const changed = await h.call('PUT', '/rules', operator, withRule('plan-adopted', { points: 300 }, { pendingDays: 0 }));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, pendingDays: 0, effectiveFrom: h.clock.now().toISOString() });
    // The same content again is no new version; a stale expectedVersion is a 409.
    expect((await h.call('PUT', '/rules', operator, withRule('plan-adopted', { points: 300 }, { pendingDays: 0 }))).body.version).toBe(2);
    const stale = await h.call('PUT', '/rules', operator, withRule('plan-adopted', { points: 400 }, { expectedVersion: 1 }));
    expect([stale.status, stale.body.code]).toEqual([409, 'POINTS.VERSION_MISMATCH']);

    // A new adoption earns under v2; the old one, redelivered, earns nothing more, and a late source from before v2 earns under v1.
    const later = new Date(h.clock.now().getTime() + MIN);
    await h.publish(Topics.demand, [adopted('p-2', 'alice', later), first, adopted('p-3', 'alice', new Date(before.getTime() + MIN))]);
    await h.settle();
    const ledger = (await h.call('GET', '/accounts/alice/ledger', operator)).body.items as { ruleVersion: number; points: number; pendingDelta: number }[];
    // (The bus orders per source stream only, so the two new earnings may land in either order.)
    expect(ledger.map((e) => `v${e.ruleVersion}:${e.points}`).sort()).toEqual(['v1:200', 'v1:200', 'v2:300']);
    expect((await h.call('GET', '/accounts/alice', operator)).body).toMatchObject({ pending: 400, available: 300, lifetimeEarned: 700 });
    expect((await h.call('GET', '/rules/versions/1', { sub: 'alice', role: 'expert' })).body.rules.find((r: { id: string }) => r.id === 'plan-adopted').points).toBe(200);
    expect((await h.call('GET', '/rules/versions/9', operator)).status).toBe(404);

    // Replaying every projection under the new rules gives the same balances: the events carry the points and the version.
    const names = ['points_balances', 'points_ledger', 'points_rulebook'];
    const live = names.map((n) => h.running.projections.checksum(n));
    for (const n of names) await h.running.projections.rebuild(n);
    await h.settle();
    expect(names.map((n) => h.running.projections.checksum(n))).toEqual(live);
    expect((await h.call('GET', '/accounts/alice', operator)).body).toMatchObject({ pending: 400, available: 300 });
    expect((await h.call('GET', '/rules', operator)).body.version).toBe(2);
  });

  it('a global budget per rule and period holds under concurrent sources, redeliveries and two replicas', async () => {
    expect((await h.call('PUT', '/rules', operator, withRule('plan-submitted', { budget: { period: 'month', points: 100 } }, { pendingDays: 0 }))).status).toBe(200);
    const handler = h.running.app.app.get(EarningEventHandler);
    const now = h.clock.now();
    const sources = Array.from({ length: 12 }, (_, i) => planSubmitted(`p-${i}`, `expert-${i}`, now));
    // Each delivered twice, all at once.
    await Promise.all([...sources, ...sources].map((e) => handler.onPlan(e as never)));
    await h.settle();
    const earned = await Promise.all(sources.map(async (_, i) => (await h.call('GET', `/accounts/expert-${i}`, operator)).body.lifetimeEarned as number));
    expect(earned.reduce((a, b) => a + b, 0)).toBe(100); // 5 x 20
    expect(earned.filter((p) => p === 20)).toHaveLength(5);
    const refused = earned.findIndex((p) => p === 0);
    const why = (await h.call('GET', `/accounts/expert-${refused}/ledger`, operator)).body.items;
    expect(why).toEqual([expect.objectContaining({ type: 'EarningDeclined', points: 0, data: expect.objectContaining({ reason: 'budget-exhausted' }) })]);

    const board = (await h.call('GET', '/leaderboard?period=2030-03&limit=10', { sub: 'expert-1', role: 'expert' })).body;
    expect(board.items.map((i: { earned: number }) => i.earned)).toEqual([20, 20, 20, 20, 20]);
    expect((await h.call('GET', '/leaderboard?period=2030-13', operator)).status).toBe(400);

    // Next month the budget is fresh.
    await handler.onPlan(planSubmitted('p-next', 'expert-0', new Date(Date.UTC(2030, 3, 1))) as never);
    await h.settle();
    expect((await h.call('GET', '/accounts/expert-0', operator)).body.lifetimeEarned).toBe(earned[0]! + 20);

    // Two replicas claiming from one quota stream: the expected revision keeps the limit.
    const [a, b] = [new AggregateHandler(h.store, ruleBudgets), new AggregateHandler(h.store, ruleBudgets)];
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claimQuota(i % 2 ? a : b, 'test-2030-03-01', { claimId: `c-${i}`, amount: 10, limit: 100 }, now)));
    expect(claims.filter(Boolean)).toHaveLength(10);
  });

  it('catalogue changes are events: price, total limit across experts, availability window', async () => {
    const changed = await h.call('PUT', '/catalogue', operator, {
      reason: 'spring programme',
      reservationTimeoutMinutes: 60,
      items: [
        { id: 'innovation-tour', title: 'Innovation tour', price: 400, totalLimit: 2 },
        { id: 'technical-seminar-seat', title: 'Seminar', price: 80, availableFrom: '2030-04-01T00:00:00.000Z', availableUntil: '2030-05-01T00:00:00.000Z' },
      ],
    });
    expect(changed.body).toMatchObject({ version: 2, reservationTimeoutMinutes: 60 });
    expect((await h.call('GET', '/catalogue', { sub: 'x', role: 'expert' })).body.items).toHaveLength(2);
    const experts = ['e1', 'e2', 'e3'];
    for (const e of experts) await h.call('POST', `/accounts/${e}/adjustments`, operator, { adjustmentId: randomUUID(), points: 1000, reason: 'grant' });
    const tours = await Promise.all(experts.map((e) => h.call('POST', `/accounts/${e}/redemptions`, { sub: e, role: 'expert' }, { itemId: 'innovation-tour' })));
    expect(tours.map((t) => t.status).sort()).toEqual([201, 201, 422]);
    const loser = experts[tours.findIndex((t) => t.status === 422)]!;
    expect(tours.find((t) => t.status === 422)!.body.code).toBe('POINTS.ITEM_UNAVAILABLE');
    expect((await h.call('GET', `/accounts/${loser}`, operator)).body).toMatchObject({ available: 1000, reserved: 0 });
    const winner = tours.findIndex((t) => t.status === 201);
    await h.call('POST', `/accounts/${experts[winner]}/redemptions/${tours[winner]!.body.reservationId}/release`, service);
    expect((await h.call('POST', `/accounts/${loser}/redemptions`, { sub: loser, role: 'expert' }, { itemId: 'innovation-tour' })).body).toMatchObject({ points: 400 });

    const early = await h.call('POST', '/accounts/e1/redemptions', { sub: 'e1', role: 'expert' }, { itemId: 'technical-seminar-seat' });
    expect([early.status, early.body.code]).toEqual([422, 'POINTS.ITEM_UNAVAILABLE']);
    expect((await h.call('POST', '/accounts/e1/redemptions', { sub: 'e1', role: 'expert' }, { itemId: 'publish-need' })).status).toBe(400); // no longer in the catalogue
  });

  it('saga endpoints for the service role, on behalf of an expert: reserve (Idempotency-Key), capture, release; each repeat answers the same', async () => {
    await h.call('POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points: 300, reason: 'grant' });
    const key = randomUUID();
    const reserve = () => h.call('POST', '/accounts/alice/redemptions', service, { itemId: 'publish-need' }, { 'idempotency-key': key });
    const [r1, r2] = [await reserve(), await reserve()];
    expect(r1.status).toBe(201);
    expect(r1.body).toEqual({
      reservationId: expect.any(String),
      itemId: 'publish-need',
      points: 100,
      status: 'open',
      timeoutAt: '2030-03-05T10:00:00.000Z',
      balance: { available: 200, pending: 0, reserved: 100 },
    });
    expect(r2.body.reservationId).toBe(r1.body.reservationId);
    const capture = () => h.call('POST', `/accounts/alice/redemptions/${r1.body.reservationId}/capture`, service, undefined, { 'idempotency-key': randomUUID() });
    const [c1, c2] = [await capture(), await capture()];
    expect([c1.status, c2.status]).toEqual([200, 200]);
    expect(c1.body).toEqual({ reservationId: r1.body.reservationId, status: 'captured', captured: 100, released: 0, balance: { available: 200, pending: 0, reserved: 0 } });
    const late = await h.call('POST', `/accounts/alice/redemptions/${r1.body.reservationId}/release`, service, { reason: 'fulfilment-failed' });
    expect([late.status, late.body.code]).toEqual([409, 'POINTS.RESERVATION_CAPTURED']);
    expect((await h.call('GET', '/accounts/alice', service)).body).toMatchObject({ available: 200, lifetimeSpent: 100 });
  });
});
