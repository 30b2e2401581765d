import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@hope/eventstore';
import { CORRELATION_HEADER } from '@hope/platform';
import { DEFAULT_RULES } from '../src/domain/rules/earning-rules';
import { startPoints, type PointsHarness } from './points.harness';

/**
 * Every event a request writes carries the request's correlation id (the one SREs grep across
 * services), whichever aggregate it lands on: the account, an item's quota, the rule book.
 */
describe('points e2e: the correlation id of a write request is on every event it writes', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints()));
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const alice = { sub: 'alice', role: 'expert' as const };
  const service = { sub: 'consulting', role: 'service' as const };

  const events = async (): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = [];
    for await (const e of h.store.readAll()) out.push(e);
    return out;
  };

  it('rule book, account and item quota: each request stamps its own correlation id', async () => {
    const sent: string[] = [];
    const call = async (method: string, path: string, who: typeof operator | typeof alice | typeof service, body?: unknown, key = randomUUID()) => {
      const correlationId = `corr-points-${sent.length}-${randomUUID()}`;
      sent.push(correlationId);
      const r = await h.call(method, path, who, body, { [CORRELATION_HEADER]: correlationId, 'idempotency-key': key });
      expect(r.status).toBeLessThan(300);
      return r;
    };

    await call('PUT', '/rules', operator, { rules: DEFAULT_RULES.rules, expiry: DEFAULT_RULES.expiry, tiers: DEFAULT_RULES.tiers, pendingDays: 0, reason: 'no waiting' });
    await call('PUT', '/catalogue', operator, {
      reason: 'a limited tour',
      reservationTimeoutMinutes: 60,
      items: [
        { id: 'innovation-tour', title: 'Innovation tour', price: 400, totalLimit: 2 },
        { id: 'expert-interview', title: 'Expert interview', price: 200 },
      ],
    });
    await call('POST', '/accounts/alice/adjustments', operator, { adjustmentId: randomUUID(), points: 1000, reason: 'grant' });
    const tour = await call('POST', '/accounts/alice/redemptions', alice, { itemId: 'innovation-tour' });
    const interview = await call('POST', '/accounts/alice/redemptions', alice, { itemId: 'expert-interview' });
    await call('POST', `/accounts/alice/redemptions/${interview.body.reservationId}/capture`, service, { points: 150 });
    await call('POST', `/accounts/alice/redemptions/${tour.body.reservationId}/release`, service, {});

    const written = await events();
    const byCorrelation = new Map<unknown, string[]>();
    for (const e of written) byCorrelation.set(e.metadata.correlationId, [...(byCorrelation.get(e.metadata.correlationId) ?? []), `${e.stream} ${e.type}`]);
    // Nothing was written without one of the requests' ids, and each request wrote under its own.
    expect([...byCorrelation.keys()].sort()).toEqual([...sent].sort());
    expect(byCorrelation.get(sent[0])).toEqual(['rulebook-points RulesChanged']);
    expect(byCorrelation.get(sent[1])).toEqual(['rulebook-points CatalogueChanged']);
    expect(byCorrelation.get(sent[2])).toEqual(['account-alice PointsAdjusted']);
    expect(byCorrelation.get(sent[3])).toEqual(['item-quota-innovation-tour QuotaClaimed', 'account-alice PointsReserved']);
    expect(byCorrelation.get(sent[4])).toEqual(['account-alice PointsReserved']);
    expect(byCorrelation.get(sent[5])).toEqual(['account-alice ReservationCaptured', 'account-alice ReservationReleased']);
    expect(byCorrelation.get(sent[6])).toEqual(['account-alice ReservationReleased', 'item-quota-innovation-tour QuotaReleased']);
  });
});
