import { randomUUID } from 'node:crypto';
import { newEnvelope, Topics } from '@hope/contracts';
import type { IncomingMessage } from '@hope/messaging';
import { EvaluateTiersJob } from '../src/jobs/evaluate-tiers.job';
import { startPoints, type PointsHarness } from './points.harness';

const DAY = 86_400_000;

describe('points e2e: tiers of influence (thresholds in the rule set, upgrade on earning, downgrade by the job)', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints()));
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const tiers = { thresholds: { bronze: 100, silver: 300, gold: 600, platinum: 1000 }, windowDays: 365, downgrade: { graceDays: 30 } };
  const rules = async () => (await h.call('GET', '/rules', operator)).body;
  const adopted = (proposalId: string) => {
    const at = h.clock.now().toISOString();
    return newEnvelope({ type: 'PlanAdopted', version: 1, stream: `proposal-${proposalId}`, occurredAt: at, data: { proposalId, demandId: 'd-1', expertId: 'alice', at } });
  };
  const tierOf = async () => (await h.call('GET', '/accounts/alice', { sub: 'alice', role: 'expert' })).body;

  it('PUT /rules sets the thresholds; an earning crossing them upgrades (TierChanged published); the job downgrades one step per grace period', async () => {
    const v1 = await rules();
    const put = await h.call('PUT', '/rules', operator, { rules: v1.rules, pendingDays: 0, expiry: v1.expiry, tiers, reason: 'tiers for the pilot' });
    expect(put.status).toBe(200);
    expect((await rules()).tiers).toEqual(tiers);

    const published: IncomingMessage[] = [];
    await h.bus.ensureTopics([Topics.points]);
    const reader = await h.bus.consume({ groupId: `watch-${randomUUID()}`, topics: [Topics.points], handler: async (m) => void published.push(m) });

    h.clock.advance(1_000);
    const first = adopted('p-1');
    await h.publish(Topics.demand, [first, first]);
    await h.settle();
    expect(await tierOf()).toMatchObject({ lifetimeEarned: 200, tier: 'bronze', tierSince: h.clock.now().toISOString() });
    await h.publish(Topics.demand, [adopted('p-2')]);
    await h.settle();
    expect(await tierOf()).toMatchObject({ lifetimeEarned: 400, tier: 'silver' });

    const tierChanges = () => published.map((m) => JSON.parse(String(m.value)) as { type: string; data: unknown }).filter((e) => e.type === 'TierChanged');
    for (let i = 0; i < 100 && tierChanges().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await reader.stop();
    expect(tierChanges().map((e) => e.data)).toEqual([
      expect.objectContaining({ from: 'none', to: 'bronze', earnedInYear: 200 }),
      expect.objectContaining({ from: 'bronze', to: 'silver', earnedInYear: 400 }),
    ]);

    const job = h.running.app.app.get(EvaluateTiersJob);
    // Still inside the window: the job changes nothing.
    h.clock.advance(200 * DAY);
    await job.run();
    expect((await tierOf()).tier).toBe('silver');
    // The 400 points leave the window on day 365; 31 days later the account falls one tier, not two.
    h.clock.advance(196 * DAY);
    await job.run();
    expect((await tierOf()).tier).toBe('bronze');
    await job.run();
    expect((await tierOf()).tier).toBe('bronze');
    h.clock.advance(30 * DAY);
    await job.run();
    expect(await tierOf()).toMatchObject({ tier: 'none', lifetimeEarned: 400 });
    expect((await h.call('GET', '/accounts/alice/ledger', operator)).body.items.map((e: { type: string }) => e.type)).toEqual(['PointsEarned', 'PointsEarned']);
  });

  it('bad tier policies are a 400 problem+json naming the field, and write nothing', async () => {
    const v1 = await rules();
    const before = await h.countEvents();
    for (const [bad, field] of [
      [{ ...tiers, thresholds: { bronze: 300, silver: 300, gold: 600, platinum: 1000 } }, 'tiers.thresholds'],
      [{ ...tiers, windowDays: 0 }, 'tiers.windowDays'],
      [{ ...tiers, downgrade: {} }, 'tiers.downgrade.graceDays'],
      [{ ...tiers, surprise: 1 }, 'tiers.surprise'],
    ] as const) {
      const r = await h.call('PUT', '/rules', operator, { rules: v1.rules, pendingDays: 0, expiry: v1.expiry, tiers: bad, reason: 'bad tiers' });
      expect([r.status, r.contentType]).toEqual([400, expect.stringContaining('application/problem+json')]);
      expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    expect((await rules()).version).toBe(1);
    expect(await h.countEvents()).toBe(before);
  });
});
