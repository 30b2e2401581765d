import { createEventRegistry } from '@hope/contracts';
import { DemandHarness, demandBody } from './demand-e2e.harness';

describe('proposals over HTTP (embedded): experts answer, the enterprise adopts, the events reach hope.demand.events', () => {
  jest.setTimeout(30_000);
  const h = new DemandHarness();
  const registry = createEventRegistry();
  let alice: string, bob: string, op: string, x1: string, x2: string, x3: string;

  beforeAll(async () => {
    await h.start();
    alice = await h.enterprise('alice', 'org-haier');
    bob = await h.enterprise('bob', 'org-other');
    op = await h.token('operator', 'op-1');
    x1 = await h.token('expert', 'x-1');
    x2 = await h.token('expert', 'x-2');
    x3 = await h.token('expert', 'x-3');
  });
  afterAll(() => h.stop());

  it('an enterprise publishes, three experts submit, one plan is adopted, the demand closes awarded', async () => {
    const demandId = (await h.call(alice, 'POST', '/demands', demandBody())).body.demandId as string;
    const early = await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', title: 't', body: 'b' });
    expect(early.status).toBe(404); // a draft is not the experts' to see
    await h.call(alice, 'POST', `/demands/${demandId}/submission`);
    await h.call(op, 'POST', `/demands/${demandId}/publication`);

    const bad = await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'idea', title: '', body: 'b', subProblemId: 'sp-9' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'title']);
    expect((await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 't', body: 'b', subProblemId: 'sp-9' })).body.errors[0].field).toBe('subProblemId');

    const clue = (await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', title: 'Ask the NVH lab in Qingdao', body: 'They did this in 2024.' })).body;
    const plan = (await h.call(x2, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', subProblemId: 'sp-1', coAuthorIds: ['x-3'], title: 'Tuned mass damper', body: 'Details...' })).body;
    const other = (await h.call(x3, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 'Active noise cancelling', body: 'Details...' })).body;
    expect(plan).toMatchObject({ status: 'submitted', kind: 'plan', expertId: 'x-2', coAuthorIds: ['x-3'], contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // Tenancy: experts see only their own; another organisation sees nothing.
    expect((await h.call(x1, 'GET', `/proposals/${plan.proposalId}`)).status).toBe(404);
    expect((await h.call(bob, 'GET', `/proposals/${plan.proposalId}`)).status).toBe(404);
    expect((await h.call(bob, 'GET', `/demands/${demandId}/proposals`)).status).toBe(404);
    expect((await h.call(x1, 'GET', '/proposals/mine')).body.items.map((p: { proposalId: string }) => p.proposalId)).toEqual([clue.proposalId]);

    // Editable until the enterprise opens it.
    const edited = await h.call(x2, 'PATCH', `/proposals/${plan.proposalId}`, { title: 'Tuned mass damper', body: 'More details' });
    expect(edited.body.contentHash).not.toBe(plan.contentHash);
    expect((await h.call(alice, 'GET', `/proposals/${plan.proposalId}`)).body.opened).toBe(true);
    expect((await h.call(x2, 'PATCH', `/proposals/${plan.proposalId}`, { title: 'x', body: 'y' })).status).toBe(409);

    expect((await h.call(alice, 'POST', `/proposals/${clue.proposalId}/shortlisting`)).status).toBe(422); // clues are not shortlisted
    expect((await h.call(alice, 'POST', `/proposals/${plan.proposalId}/shortlisting`)).body.status).toBe('shortlisted');
    expect((await h.call(alice, 'POST', `/proposals/${plan.proposalId}/adoption`)).body.status).toBe('adopted');
    expect((await h.call(alice, 'POST', `/proposals/${clue.proposalId}/rejection`, { reason: 'duplicate', note: 'Already known' })).body.status).toBe('rejected');
    expect((await h.call(x3, 'POST', `/proposals/${other.proposalId}/withdrawal`)).body.status).toBe('withdrawn');
    const listed = (await h.call(alice, 'GET', `/demands/${demandId}/proposals`)).body.items;
    expect(Object.fromEntries(listed.map((p: { proposalId: string; status: string }) => [p.proposalId, p.status]))).toEqual({
      [clue.proposalId]: 'rejected',
      [plan.proposalId]: 'adopted',
      [other.proposalId]: 'withdrawn',
    });
    // An expert's own proposals, as representative or co-author, with their status; nobody else's.
    const mine = async (who: string) => (await h.call(who, 'GET', '/experts/me/proposals')).body.items.map((p: { proposalId: string; status: string; role: string }) => [p.proposalId, p.status, p.role]);
    expect(await mine(x3)).toEqual([[other.proposalId, 'withdrawn', 'representative'], [plan.proposalId, 'adopted', 'co-author']]);
    expect(await mine(x2)).toEqual([[plan.proposalId, 'adopted', 'representative']]);
    expect(await mine(x1)).toEqual([[clue.proposalId, 'rejected', 'representative']]);
    expect((await h.call(x1, 'GET', '/proposals/mine')).body).toEqual((await h.call(x1, 'GET', '/experts/me/proposals')).body);
    expect((await h.call(alice, 'GET', '/experts/me/proposals')).status).toBe(403);
    expect((await h.call(alice, 'POST', `/demands/${demandId}/closure`)).body).toEqual({ demandId, status: 'closed', outcome: 'awarded' });
    expect((await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', title: 't', body: 'b' })).status).toBe(409);

    // On the topic, exactly the contract payloads (each passes the registry's parser unchanged).
    const of = (type: string, id: string) => h.published1(type, (e) => (e.data as { proposalId?: string; demandId: string }).proposalId === id);
    const planSubmitted = await of('PlanSubmitted', plan.proposalId);
    expect(planSubmitted.data).toEqual({ proposalId: plan.proposalId, demandId, subProblemId: 'sp-1', expertId: 'x-2', coAuthorIds: ['x-3'], contentHash: plan.contentHash, submittedAt: plan.submittedAt });
    expect((await of('ClueSubmitted', clue.proposalId)).data).toEqual({ proposalId: clue.proposalId, demandId, expertId: 'x-1', coAuthorIds: [], contentHash: clue.contentHash, submittedAt: clue.submittedAt });
    for (const [type, id] of [['PlanShortlisted', plan.proposalId], ['PlanAdopted', plan.proposalId], ['ProposalWithdrawn', other.proposalId]] as const) {
      expect((await of(type, id)).data).toEqual({ proposalId: id, demandId, expertId: id === plan.proposalId ? 'x-2' : 'x-3', at: expect.any(String) });
    }
    expect((await of('ProposalRejected', clue.proposalId)).data).toEqual({ proposalId: clue.proposalId, demandId, expertId: 'x-1', at: expect.any(String), reason: 'duplicate', note: 'Already known' });
    const closed = await h.published1('DemandClosed', (e) => (e.data as { demandId: string }).demandId === demandId);
    expect(closed.data).toMatchObject({ outcome: 'awarded', adoptedProposalIds: [plan.proposalId] });
    for (const e of h.published) expect(registry.upcast(e).data).toEqual(e.data);
    expect(h.published.some((e) => e.type === 'ProposalEdited' || e.type === 'ProposalOpened')).toBe(false);
  });
});
