import { pointsService } from '@hope/points';
import { demandService } from '../src';
import { DemandHarness, demandBody } from './demand-e2e.harness';

/** The story, demand and points in embedded mode: the points service earns from our contract events. */
describe('cross-service story: an enterprise publishes, three experts answer, one plan is adopted -> points balances', () => {
  jest.setTimeout(60_000);
  const h = new DemandHarness({ services: [demandService, pointsService] });
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> => {
    for (let i = 0; ; i++) {
      const v = await read();
      if (ok(v)) return v;
      if (i > 200) throw new Error(`${what}: last ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('ends with the expected balances, and every demand projection rebuilds to the live checksum', async () => {
    const alice = await h.enterprise('alice', 'org-haier');
    const op = await h.token('operator', 'op-1');
    const [x1, x2, x3] = await Promise.all(['s-1', 's-2', 's-3'].map((x) => h.token('expert', x)));
    const id = (await h.call(alice, 'POST', '/demands', demandBody())).body.demandId as string;
    await h.call(alice, 'POST', `/demands/${id}/submission`);
    await h.call(op, 'POST', `/demands/${id}/publication`);
    // Each expert reads the demand before answering (the dashboard's "viewed"), one of them twice.
    for (const x of [x1!, x2!, x3!, x1!]) expect((await h.call(x, 'GET', `/demands/${id}`)).status).toBe(200);

    const clue = (await h.call(x1!, 'POST', `/demands/${id}/proposals`, { kind: 'clue', title: 'Qingdao NVH lab', body: 'b' })).body;
    const plan = (await h.call(x2!, 'POST', `/demands/${id}/proposals`, { kind: 'plan', subProblemId: 'sp-1', title: 'Tuned mass damper', body: 'b' })).body;
    await h.call(x3!, 'POST', `/demands/${id}/proposals`, { kind: 'plan', title: 'Active noise cancelling', body: 'b' });
    expect(clue.status).toBe('submitted');
    await h.call(alice, 'POST', `/proposals/${plan.proposalId}/shortlisting`);
    await h.call(alice, 'POST', `/proposals/${plan.proposalId}/adoption`);
    expect((await h.call(alice, 'POST', `/demands/${id}/closure`)).body.outcome).toBe('awarded');

    // Earning rules v1: clue 5, plan 20, shortlisted 50, adopted 200; pending for 14 days, nothing available yet.
    const account = (x: string) => async () => (await h.call(op, 'GET', `/accounts/${x}`, undefined, {}, 'points')).body as { pending: number; available: number };
    const expected: Record<string, number> = { 's-1': 5, 's-2': 270, 's-3': 20 };
    for (const [x, pending] of Object.entries(expected)) {
      const a = await until(account(x), (b) => b?.pending === pending, `points of ${x}`);
      expect(a).toMatchObject({ pending, available: 0 });
    }

    const projections = h.running.services.get('demand')!.projections;
    let last;
    for await (const e of h.store.readAll({ direction: 'backwards', maxCount: 1 })) last = e.position;
    const board = await h.call(alice, 'GET', '/organisations/org-haier/dashboard');
    expect(board.body.demands[0]).toMatchObject({ demandId: id, funnel: { viewed: 3, submitted: 3, shortlisted: 1, adopted: 1 } });
    for (const name of ['organisations', 'demand_catalogue', 'confidential_access', 'proposals', 'dashboard', 'needs']) {
      const live = projections.checksum(name);
      await projections.rebuild(name);
      await projections.waitFor(last!);
      expect({ name, checksum: projections.checksum(name) }).toEqual({ name, checksum: live });
    }
  });
});
