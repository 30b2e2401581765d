import { ManualClock } from '@hope/platform/testing';
import { ExpireDemandsJob } from '../src/jobs/expire-demands.job';
import { DemandHarness, demandBody } from './demand-e2e.harness';

const DAY = 86_400_000;

describe('expiry at the deadline (manual clock), decisions only while open, Idempotency-Key on decisions', () => {
  jest.setTimeout(30_000);
  const clock = new ManualClock(new Date());
  const h = new DemandHarness({ clock });
  let alice: string, op: string, x1: string;

  beforeAll(async () => {
    await h.start();
    alice = await h.enterprise('alice', 'org-haier');
    op = await h.token('operator', 'op-1');
    x1 = await h.token('expert', 'x-1');
  });
  afterAll(() => h.stop());

  const publish = async (deadlineInDays: number): Promise<string> => {
    const id = (await h.call(alice, 'POST', '/demands', demandBody({ deadline: new Date(clock.now().getTime() + deadlineInDays * DAY).toISOString() }))).body.demandId as string;
    await h.call(alice, 'POST', `/demands/${id}/submission`);
    expect((await h.call(op, 'POST', `/demands/${id}/publication`)).body.status).toBe('published');
    return id;
  };
  const expiredEvents = (id: string) => h.published.filter((e) => e.type === 'DemandExpired' && (e.data as { demandId: string }).demandId === id);

  it('the job expires a published demand once its deadline passes, once, and then nothing more can be decided on it', async () => {
    const soon = await publish(2);
    const later = await publish(10);
    const plan = (await h.call(x1, 'POST', `/demands/${soon}/proposals`, { kind: 'plan', title: 'Damper', body: 'b' })).body;
    const job = h.get('demand', ExpireDemandsJob);

    await job.run();
    expect((await h.call(alice, 'GET', `/demands/${soon}`)).body.status).toBe('published');

    clock.advance(3 * DAY);
    await job.run();
    await job.run(); // a rerun (or a second replica) appends nothing twice
    expect((await h.call(alice, 'GET', `/demands/${soon}`)).body.status).toBe('expired');
    expect((await h.call(alice, 'GET', `/demands/${later}`)).body.status).toBe('published');
    const event = await h.published1('DemandExpired', (e) => (e.data as { demandId: string }).demandId === soon);
    expect(event.data).toEqual({ demandId: soon, organisationId: 'org-haier', expiredAt: clock.now().toISOString() });
    await new Promise((r) => setTimeout(r, 200));
    expect(expiredEvents(soon)).toHaveLength(1);

    // Once expired: no new proposals, no shortlisting or adoption; the demand stays readable.
    expect((await h.call(x1, 'POST', `/demands/${soon}/proposals`, { kind: 'clue', title: 't', body: 'b' })).status).toBe(409);
    const shortlist = await h.call(alice, 'POST', `/proposals/${plan.proposalId}/shortlisting`);
    expect(shortlist.status).toBe(409);
    expect(shortlist.body.code).toBe('PROPOSAL.DEMAND_NOT_OPEN');
    expect((await h.call(alice, 'POST', `/proposals/${plan.proposalId}/adoption`)).body.code).toBe('PROPOSAL.DEMAND_NOT_OPEN');
    expect((await h.call(x1, 'GET', `/demands/${soon}`)).body.status).toBe('expired');
  });

  it('a closed demand is not expired, and its plans can no longer be adopted', async () => {
    const id = await publish(1);
    const plan = (await h.call(x1, 'POST', `/demands/${id}/proposals`, { kind: 'plan', title: 'P', body: 'b' })).body;
    expect((await h.call(alice, 'POST', `/demands/${id}/closure`)).body.outcome).toBe('not-awarded');
    clock.advance(2 * DAY);
    await h.get('demand', ExpireDemandsJob).run();
    expect((await h.call(alice, 'GET', `/demands/${id}`)).body.status).toBe('closed');
    expect((await h.call(alice, 'POST', `/proposals/${plan.proposalId}/adoption`)).status).toBe(409);
  });

  it('a decision repeated with the same Idempotency-Key gets the first answer; without it the repeat is refused', async () => {
    const id = await publish(5);
    const plan = (await h.call(x1, 'POST', `/demands/${id}/proposals`, { kind: 'plan', title: 'P', body: 'b' }, { 'Idempotency-Key': 'submit-1' })).body;
    const again = await h.call(x1, 'POST', `/demands/${id}/proposals`, { kind: 'plan', title: 'P', body: 'b' }, { 'Idempotency-Key': 'submit-1' });
    expect(again.body.proposalId).toBe(plan.proposalId);
    expect((await h.call(x1, 'GET', '/proposals/mine')).body.items.filter((p: { demandId: string }) => p.demandId === id)).toHaveLength(1);

    const key = { 'Idempotency-Key': 'adopt-1' };
    const first = await h.call(alice, 'POST', `/proposals/${plan.proposalId}/adoption`, undefined, key);
    expect(first.status).toBe(200);
    const replay = await h.call(alice, 'POST', `/proposals/${plan.proposalId}/adoption`, undefined, key);
    expect(replay).toEqual(first);
    expect((await h.call(alice, 'POST', `/proposals/${plan.proposalId}/adoption`)).status).toBe(409); // a new attempt is a new decision

    const close = { 'Idempotency-Key': 'close-1' };
    const closed = await h.call(alice, 'POST', `/demands/${id}/closure`, undefined, close);
    expect(await h.call(alice, 'POST', `/demands/${id}/closure`, undefined, close)).toEqual(closed);
    await h.published1('DemandClosed', (e) => (e.data as { demandId: string }).demandId === id);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.published.filter((e) => e.type === 'DemandClosed' && (e.data as { demandId: string }).demandId === id)).toHaveLength(1);
  });
});
