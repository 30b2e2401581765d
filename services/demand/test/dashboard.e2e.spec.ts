import { Topics, newEnvelope } from '@hope/contracts';
import { collect } from '@hope/eventstore/testing';
import { toMessage } from '@hope/messaging';
import { DemandHarness, demandBody } from './demand-e2e.harness';

describe("the enterprise dashboard over HTTP: each demand's status, proposals, time to first proposal, funnel", () => {
  jest.setTimeout(30_000);
  const h = new DemandHarness();
  let alice: string, bob: string, op: string, analyst: string, x1: string, x2: string, x3: string;

  beforeAll(async () => {
    await h.start();
    alice = await h.enterprise('alice', 'org-haier');
    bob = await h.enterprise('bob', 'org-other');
    op = await h.token('operator', 'op-1');
    analyst = await h.token('analyst', 'an-1');
    x1 = await h.token('expert', 'x-1');
    x2 = await h.token('expert', 'x-2');
    x3 = await h.token('expert', 'x-3');
  });
  afterAll(() => h.stop());

  const matched = (demandId: string, expertIds: string[], id?: string) =>
    newEnvelope({ ...(id ? { id } : {}), type: 'ExpertsMatched', version: 1, stream: `matching-${demandId}`, occurredAt: new Date(), data: { demandId, matches: expertIds.map((expertId, i) => ({ expertId, rank: i + 1, score: 1 - i / 10 })), matchedAt: new Date().toISOString() } });

  const dashboard = async (who: string, org = 'org-haier') => h.call(who, 'GET', `/organisations/${org}/dashboard`);
  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
    for (let i = 0; ; i++) {
      const v = await read();
      if (ok(v) || i > 200) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('counts each expert once per stage, clues and plans per sub-problem, and the time to the first proposal', async () => {
    const body = demandBody({ subProblems: [{ id: 'sp-1', title: { en: 'Damping' }, capabilities: [] }, { id: 'sp-2', title: { en: 'Control' }, capabilities: [] }] });
    const demandId = (await h.call(alice, 'POST', '/demands', body)).body.demandId as string;
    const draftOnly = (await h.call(alice, 'POST', '/demands', demandBody())).body.demandId as string;
    await h.call(alice, 'POST', `/demands/${demandId}/submission`);
    await h.call(op, 'POST', `/demands/${demandId}/publication`);

    // Matching matched three experts, then again two of them; one message delivered twice.
    const first = matched(demandId, ['x-1', 'x-2', 'x-3']);
    await h.running.bus.publish(Topics.matching, [toMessage(first), toMessage(first), toMessage(matched(demandId, ['x-1', 'x-2']))]);
    // Views: x-1 twice, x-2 once; x-3 never opens it.
    for (const x of [x1, x1, x2]) expect((await h.call(x, 'GET', `/demands/${demandId}`)).status).toBe(200);
    const clue = await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', subProblemId: 'sp-1', title: 'Lab', body: 'b' });
    await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', subProblemId: 'sp-1', title: 'Damper', body: 'b' });
    const plan = (await h.call(x2, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 'Whole thing', body: 'b' })).body;
    const withdrawn = (await h.call(x3, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', subProblemId: 'sp-2', title: 'x', body: 'b' })).body;
    await h.call(x3, 'POST', `/proposals/${withdrawn.proposalId}/withdrawal`);
    await h.call(alice, 'POST', `/proposals/${plan.proposalId}/adoption`); // adopted without a shortlist: it passed that stage too

    const r = await until(() => dashboard(alice), (x) => x.body?.demands?.find((d: { demandId: string }) => d.demandId === demandId)?.funnel.matched === 3);
    expect(r.status).toBe(200);
    const row = r.body.demands.find((d: { demandId: string }) => d.demandId === demandId);
    expect(row).toMatchObject({
      status: 'published',
      proposals: { clues: 1, plans: 2 },
      subProblems: [
        { subProblemId: 'sp-1', clues: 1, plans: 1 },
        { subProblemId: 'sp-2', clues: 0, plans: 0 },
      ],
      funnel: { matched: 3, viewed: 2, submitted: 3, shortlisted: 1, adopted: 1 },
    });
    expect(row.timeToFirstProposalMs).toBe(Date.parse(clue.body.submittedAt) - Date.parse(row.publishedAt));
    expect(r.body.demands.find((d: { demandId: string }) => d.demandId === draftOnly)).toMatchObject({ status: 'draft', timeToFirstProposalMs: null, funnel: { matched: 0, viewed: 0, submitted: 0, shortlisted: 0, adopted: 0 } });

    // A view is one event per expert and demand, with the same id however often they open it.
    const views = await collect(h.store.readStream(`funnel-${demandId}`));
    expect(views.filter((e) => e.type === 'DemandViewed').map((e) => (e.data as { expertId: string }).expertId)).toEqual(['x-1', 'x-2']);
    expect(views.filter((e) => e.type === 'ExpertsMatchedToDemand')).toHaveLength(1);
  });

  it('its members and staff read it; another organisation and experts do not', async () => {
    expect((await dashboard(op)).status).toBe(200);
    expect((await dashboard(analyst)).status).toBe(200);
    expect((await dashboard(bob)).status).toBe(403);
    expect((await dashboard(x1)).status).toBe(403);
    expect((await dashboard(op, 'org-nobody')).status).toBe(404);
    expect((await dashboard(bob, 'org-other')).body.demands).toEqual([]);
    const bad = await h.call(alice, 'GET', '/organisations/org-haier/dashboard?limit=0&cursor=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
    expect((await h.call(alice, 'GET', '/organisations/org-haier/dashboard?cursor=nope')).body.errors[0].field).toBe('cursor');
  });
});
