import { randomUUID } from 'node:crypto';
import { newEnvelope, Topics } from '@hope/contracts';
import type { IncomingMessage } from '@hope/messaging';
import { UnlockPendingJob } from '../src/jobs/unlock-pending.job';
import { startPoints, type PointsHarness } from './points.harness';

const at = '2030-03-04T09:00:00.000Z';
const env = (type: string, stream: string, data: Record<string, unknown>) => newEnvelope({ type, version: 1, stream, occurredAt: at, data });
const submitted = (type: 'ClueSubmitted' | 'PlanSubmitted', proposalId: string, expertId: string) =>
  env(type, `proposal-${proposalId}`, { proposalId, demandId: 'd-1', expertId, coAuthorIds: [], contentHash: 'h', submittedAt: at });
const decision = (type: string, proposalId: string, expertId: string, extra: Record<string, unknown> = {}) => env(type, `proposal-${proposalId}`, { proposalId, demandId: 'd-1', expertId, at, ...extra });

describe('points e2e: earning from source events over the bus, balances over HTTP', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints()));
  afterEach(async () => h.stop());

  const operator = { sub: 'op-1', role: 'operator' as const };
  const account = (id: string, who: { sub: string; role: 'expert' | 'operator' | 'analyst' | 'service' | 'enterprise' } = operator) => h.call('GET', `/accounts/${id}`, who);

  it('earns per rule v1, each source once despite duplicates, reverses a withdrawn proposal, unlocks after 14 days', async () => {
    const published: IncomingMessage[] = [];
    await h.bus.ensureTopics([Topics.points]);
    const reader = await h.bus.consume({ groupId: `watch-${randomUUID()}`, topics: [Topics.points], handler: async (m) => void published.push(m) });

    const clue = submitted('ClueSubmitted', 'p-1', 'alice');
    const plan = submitted('PlanSubmitted', 'p-2', 'alice');
    const adopted = decision('PlanAdopted', 'p-2', 'alice');
    const consult = env('ConsultationCompleted', 'booking-b-1', { bookingId: 'b-1', expertId: 'alice', organisationId: 'org-1', minutes: 45, completedAt: at });
    const joined = env('ExpertJoined', 'expert-bob', { expertId: 'bob', inviterId: 'alice', invitationId: 'inv-1', joinedAt: at });
    const seminar = env('MeetingAttended', 'meeting-m-1', { meetingId: 'm-1', kind: 'technical-seminar', expertId: 'alice', attendedAt: at });
    // Each delivered three times, interleaved: at-least-once delivery.
    await h.publish(Topics.demand, [clue, plan, clue, adopted, plan, clue, adopted]);
    await h.publish(Topics.consulting, [consult, seminar, consult, consult]);
    await h.publish(Topics.matching, [joined, joined]);
    await h.settle();
    expect((await account('alice')).body).toMatchObject({ available: 0, pending: 5 + 20 + 200 + 40 + 30, reserved: 0, lifetimeEarned: 295 });
    expect((await account('bob')).body).toMatchObject({ pending: 0, lifetimeEarned: 0 });

    await h.publish(Topics.demand, [decision('ProposalWithdrawn', 'p-1', 'alice')]);
    await h.publish(Topics.matching, [env('InvitationFraudDetected', 'invitation-inv-1', { invitationId: 'inv-1', inviterId: 'alice', inviteeId: 'bob', pattern: 'invite-ring', detectedAt: at })]);
    await h.settle();
    expect((await account('alice')).body).toMatchObject({ pending: 260, reversed: 35 });

    h.clock.advance(14 * 86_400_000);
    await h.running.app.app.get(UnlockPendingJob).run();
    expect((await account('alice')).body).toMatchObject({ available: 260, pending: 0 });

    // Ledger: every movement with rule id + version and source, paged by cursor.
    const page1 = await h.call('GET', '/accounts/alice/ledger?limit=3', { sub: 'alice', role: 'expert' });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.items[0]).toMatchObject({ type: 'PointsEarned', ruleId: 'clue-submitted', ruleVersion: 1, sourceEventId: clue.id, pendingDelta: 5 });
    const page2 = await h.call('GET', `/accounts/alice/ledger?limit=50&after=${page1.body.next}`, { sub: 'alice', role: 'expert' });
    expect(page2.body.next).toBeUndefined();
    expect([...page1.body.items, ...page2.body.items].map((e: { type: string }) => e.type)).toEqual([
      'PointsEarned', 'PointsEarned', 'PointsEarned', 'PointsEarned', 'PointsEarned', 'PointsReversed', 'PointsReversed', 'PointsUnlocked',
    ]);

    // The relay published the movements (not the private EarningDeclined), each once, and alice reaching bronze (295 >= 100, default policy).
    await new Promise((r) => setTimeout(r, 300));
    const types = published.map((m) => m.headers['hope-event-type'] ?? JSON.parse(String(m.value)).type);
    expect(types.filter((t) => t === 'PointsEarned')).toHaveLength(5);
    expect(new Set(types)).toEqual(new Set(['PointsEarned', 'PointsReversed', 'PointsUnlocked', 'TierChanged']));
    await reader.stop();

    // Rebuilding both projections from position 0 gives exactly the live state.
    const live = ['points_balances', 'points_ledger'].map((n) => h.running.projections.checksum(n));
    for (const n of ['points_balances', 'points_ledger']) await h.running.projections.rebuild(n);
    await h.settle();
    expect(['points_balances', 'points_ledger'].map((n) => h.running.projections.checksum(n))).toEqual(live);
  });

  it("tenancy: an expert source naming an organisation's account (expert id org:<id>) earns nothing into it", async () => {
    const consult = env('ConsultationCompleted', 'booking-b-9', { bookingId: 'b-9', expertId: 'org:acme', organisationId: 'org-1', minutes: 45, completedAt: at });
    const seminar = env('MeetingAttended', 'meeting-m-9', { meetingId: 'm-9', kind: 'technical-seminar', expertId: 'org:acme', attendedAt: at });
    await h.publish(Topics.consulting, [consult, seminar]);
    await h.publish(Topics.demand, [submitted('ClueSubmitted', 'p-9', 'org:acme')]);
    await h.settle();
    expect((await account('org:acme')).body).toMatchObject({ pending: 0, available: 0, lifetimeEarned: 0 });
    expect(await h.countEvents()).toBe(0);
  });

  it('tenancy: an expert sees only their own account; analysts and services all; enterprises none; bad ids 400', async () => {
    expect((await account('alice', { sub: 'alice', role: 'expert' })).status).toBe(200);
    const other = await account('alice', { sub: 'bob', role: 'expert' });
    expect(other.status).toBe(403);
    expect(other.contentType).toMatch(/problem\+json/);
    expect((await h.call('GET', '/accounts/alice/ledger', { sub: 'bob', role: 'expert' })).status).toBe(403);
    expect((await account('alice', { sub: 'a', role: 'analyst' })).status).toBe(200);
    expect((await account('alice', { sub: 'consulting', role: 'service' })).status).toBe(200);
    expect((await account('alice', { sub: 'e', role: 'enterprise' })).status).toBe(403);
    const bad = await account('al%20ice');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'expertId' })]);
    expect((await h.call('GET', '/accounts/alice/ledger?limit=5000', operator)).status).toBe(400);
  });
});
