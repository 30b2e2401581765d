import { newEnvelope, Topics } from '@hope/contracts';
import type { Position } from '@hope/eventstore';
import { startPoints, type PointsHarness } from './points.harness';

const at = '2030-03-04T09:00:00.000Z';
const env = (type: string, stream: string, data: Record<string, unknown>, occurredAt = at) => newEnvelope({ type, version: 1, stream, occurredAt, data });
const clue = (proposalId: string, expertId: string, when = at) =>
  env('ClueSubmitted', `proposal-${proposalId}`, { proposalId, demandId: 'd-1', expertId, coAuthorIds: [], contentHash: 'h', submittedAt: when }, when);
const plan = (proposalId: string, expertId: string) => env('PlanSubmitted', `proposal-${proposalId}`, { proposalId, demandId: 'd-1', expertId, coAuthorIds: [], contentHash: 'h', submittedAt: at });

describe('points e2e: what-if re-runs a draft rule set over recorded history, writing nothing', () => {
  jest.setTimeout(60_000);
  let h: PointsHarness;
  beforeEach(async () => (h = await startPoints()));
  afterEach(async () => h.stop());

  const analyst = { sub: 'an-1', role: 'analyst' as const };
  const period = { from: '2030-03-01T00:00:00.000Z', to: '2030-04-01T00:00:00.000Z' };
  const lastPosition = async () => {
    let last: Position | undefined;
    for await (const e of h.store.readAll({ direction: 'backwards', maxCount: 1 })) last = e.position;
    return last;
  };

  it('a doubled clue reward doubles the clue part of the totals, per account too; the store does not move', async () => {
    const first = clue('p-a1', 'alice');
    // The first clue delivered twice: recorded and earned once.
    await h.publish(Topics.demand, [first, clue('p-a2', 'alice'), clue('p-a3', 'alice'), plan('p-a4', 'alice'), clue('p-b1', 'bob'), clue('p-b2', 'bob'), first]);
    await h.publish(Topics.demand, [env('ProposalWithdrawn', 'proposal-p-b2', { proposalId: 'p-b2', demandId: 'd-1', expertId: 'bob', at })]);
    // A technical seminar earns nothing under v1, but it is recorded: a draft may reward it.
    await h.publish(Topics.consulting, [env('MeetingAttended', 'meeting-m-1', { meetingId: 'm-1', kind: 'technical-seminar', expertId: 'bob', attendedAt: at })]);
    await h.settle();
    const v1 = (await h.call('GET', '/rules', analyst)).body;
    const doubled = v1.rules.map((r: { id: string; points: number }) => (r.id === 'clue-submitted' ? { ...r, points: r.points * 2 } : r));
    const seminars = { id: 'seminar-attended', sourceType: 'MeetingAttended', points: 7, recipientField: 'expertId', when: { kind: 'technical-seminar' } };

    const before = { position: await lastPosition(), accounts: await h.countEvents() };
    const r = await h.call('POST', '/what-if', analyst, { draft: { rules: [...doubled, seminars], pendingDays: v1.pendingDays, expiry: v1.expiry }, period });
    expect(r.status).toBe(200);
    expect({ position: await lastPosition(), accounts: await h.countEvents() }).toEqual(before);

    const byRule = Object.fromEntries(r.body.byRule.map((x: { ruleId: string }) => [x.ruleId, x]));
    // Real: 5 clues (alice 3, bob 2, one of them withdrawn) and a plan.
    expect(byRule['clue-submitted']).toEqual({ ruleId: 'clue-submitted', real: { earned: 25, net: 20 }, draft: { earned: 50, net: 40 } });
    expect(byRule['plan-submitted']).toEqual({ ruleId: 'plan-submitted', real: { earned: 20, net: 20 }, draft: { earned: 20, net: 20 } });
    expect(byRule['seminar-attended']).toEqual({ ruleId: 'seminar-attended', real: { earned: 0, net: 0 }, draft: { earned: 7, net: 7 } });
    expect(r.body.totals).toEqual({ real: { earned: 45, net: 40 }, draft: { earned: 77, net: 67 } });
    const alice = r.body.accounts.find((a: { expertId: string }) => a.expertId === 'alice');
    expect(alice).toMatchObject({ real: { earned: 35, net: 35 }, draft: { earned: 50, net: 50 }, delta: 15 });
    // Recording began (the store's clock) before the period started: the period is fully covered.
    expect(r.body.coverage).toMatchObject({ sourcesRecordedSince: expect.any(String), complete: true });

    // Only some accounts; and a period with nothing in it.
    const onlyBob = await h.call('POST', '/what-if', analyst, { draft: { rules: doubled, pendingDays: 0, expiry: v1.expiry }, period, expertIds: ['bob'] });
    expect(onlyBob.body.accounts.map((a: { expertId: string }) => a.expertId)).toEqual(['bob']);
    expect(onlyBob.body.totals).toEqual({ real: { earned: 10, net: 5 }, draft: { earned: 20, net: 10 } });
    const empty = await h.call('POST', '/what-if', analyst, { draft: { rules: doubled, pendingDays: 0, expiry: v1.expiry }, period: { from: '2031-01-01T00:00:00Z', to: '2031-02-01T00:00:00Z' } });
    expect(empty.body.totals).toEqual({ real: { earned: 0, net: 0 }, draft: { earned: 0, net: 0 } });
    expect(await lastPosition()).toEqual(before.position);
  });

  const balanceOf = (body: { accounts: { expertId: string; real: { balance: unknown }; draft: { balance: unknown } }[] }, expertId: string) => {
    const a = body.accounts.find((x) => x.expertId === expertId)!;
    return { real: a.real.balance, draft: a.draft.balance };
  };
  const zero = { earned: 0, pending: 0, available: 0, debt: 0, reserved: 0, spent: 0, expired: 0, reversed: 0, adjusted: 0 };

  it('balances at the end of the period: a draft with pendingDays 0 makes the period\'s points available at once', async () => {
    await h.publish(Topics.demand, [clue('p-a1', 'alice'), clue('p-a2', 'alice'), plan('p-a3', 'alice')]);
    await h.settle();
    const v1 = (await h.call('GET', '/rules', analyst)).body;
    // Six days in: under v1 (14 days pending) the points are still pending; under the draft they are spendable.
    const early = { from: '2030-03-01T00:00:00.000Z', to: '2030-03-10T00:00:00.000Z' };
    const r = await h.call('POST', '/what-if', analyst, { draft: { rules: v1.rules, pendingDays: 0, expiry: v1.expiry }, period: early });
    expect(r.status).toBe(200);
    expect(balanceOf(r.body, 'alice')).toEqual({ real: { ...zero, earned: 30, pending: 30 }, draft: { ...zero, earned: 30, available: 30 } });
    expect(r.body.accounts[0]).toMatchObject({ expertId: 'alice', delta: 0, balanceDelta: 30 });
    // The same draft with v1's pending period gives the real balance back.
    const same = await h.call('POST', '/what-if', analyst, { draft: { rules: v1.rules, pendingDays: v1.pendingDays, expiry: v1.expiry }, period: early });
    expect(balanceOf(same.body, 'alice')).toEqual({ real: { ...zero, earned: 30, pending: 30 }, draft: { ...zero, earned: 30, pending: 30 } });
  });

  it('operators and analysts only; bad drafts and periods are 400 problem+json naming the field', async () => {
    const v1 = (await h.call('GET', '/rules', analyst)).body;
    const body = { draft: { rules: v1.rules, pendingDays: 0, expiry: v1.expiry }, period };
    expect((await h.call('POST', '/what-if', { sub: 'op', role: 'operator' }, body)).status).toBe(200);
    for (const who of [{ sub: 'alice', role: 'expert' as const }, { sub: 'e', role: 'enterprise' as const }, { sub: 's', role: 'service' as const }]) {
      expect((await h.call('POST', '/what-if', who, body)).status).toBe(403);
    }
    const cases: [unknown, string][] = [
      [{ ...body, period: { from: period.to, to: period.from } }, 'period.to'],
      [{ ...body, period: { from: 'last spring', to: period.to } }, 'period.from'],
      [{ ...body, draft: { ...body.draft, rules: [v1.rules[0], v1.rules[0]] } }, 'draft.rules.1.id'],
      [{ ...body, draft: { ...body.draft, rules: [{ ...v1.rules[0], points: -5 }] } }, 'draft.rules.0.points'],
      [{ ...body, expertIds: ['bad id'] }, 'expertIds'],
      [{ ...body, dryRun: false }, 'dryRun'],
    ];
    for (const [bad, field] of cases) {
      const r = await h.call('POST', '/what-if', analyst, bad);
      expect([r.status, r.contentType]).toEqual([400, expect.stringContaining('application/problem+json')]);
      expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
  });

  describe('three months of history', () => {
    beforeEach(async () => {
      await h.stop();
      h = await startPoints(new Date('2030-06-01T10:00:00.000Z'));
    });

    it('a draft with a 1-month rolling expiry over a 3-month period expires the early lots, beside the real balance', async () => {
      await h.publish(Topics.demand, [clue('p-1', 'alice', '2030-03-04T09:00:00.000Z'), clue('p-2', 'alice', '2030-04-10T09:00:00.000Z'), clue('p-3', 'alice', '2030-05-20T09:00:00.000Z')]);
      await h.settle();
      const v1 = (await h.call('GET', '/rules', analyst)).body;
      const quarter = { from: '2030-03-01T00:00:00.000Z', to: '2030-06-01T00:00:00.000Z' };
      const before = await lastPosition();
      const r = await h.call('POST', '/what-if', analyst, { draft: { rules: v1.rules, pendingDays: 0, expiry: { kind: 'rolling', months: 1 } }, period: quarter });
      expect(r.status).toBe(200);
      const { real, draft } = balanceOf(r.body, 'alice');
      // March and April lots expired on April 4 and May 10; the May 20 lot lives to June 20.
      expect(draft).toEqual({ ...zero, earned: 15, expired: 10, available: 5 });
      // Really (24 months), nothing has expired.
      expect(real).toMatchObject({ earned: 15, expired: 0 });
      expect(r.body.totals).toEqual({ real: { earned: 15, net: 15 }, draft: { earned: 15, net: 15 } });
      expect(await lastPosition()).toEqual(before);
    });
  });
});
