import { randomUUID } from 'node:crypto';
import { AggregateHandler } from '@hope/kernel';
import { pointsService } from '@hope/points';
import { demandService } from '../src';
import { needs } from '../src/domain/need/need.aggregate';
import { NEED_SEEKER_ORGANISATION } from '../src/domain/demand/demand.visibility';
import { NeedSagaJob } from '../src/jobs/need-saga.job';
import { DemandHarness } from './demand-e2e.harness';

const need = { title: { en: 'Cheap thermal camera', zh: '低成本热像仪' }, description: { en: 'Under 500 CNY for power line inspection.' }, domain: 'industrial-internet', keywords: ['thermal'] };

/** Issue 15 item 7 (ADR 0024): a need published with points is a demand like any other. Demand and points for real. */
describe('a need published with points is a demand: in the catalogue and search, answerable, the points flows unchanged', () => {
  jest.setTimeout(60_000);
  const h = new DemandHarness({ services: [demandService, pointsService] });
  let op: string;
  beforeAll(async () => {
    await h.start();
    op = await h.token('operator', 'op-1');
  });
  afterAll(() => h.stop());

  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> => {
    for (let i = 0; ; i++) {
      const v = await read();
      if (ok(v)) return v;
      if (i > 200) throw new Error(`${what}: last ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const expert = async (points: number): Promise<{ id: string; token: string }> => {
    const id = `x-${randomUUID().slice(0, 8)}`;
    if (points > 0) expect((await h.call(op, 'POST', `/accounts/${id}/adjustments`, { adjustmentId: randomUUID(), points, reason: 'test grant' }, {}, 'points')).status).toBe(201);
    return { id, token: await h.token('expert', id) };
  };
  const account = (id: string) => async () => (await h.call(op, 'GET', `/accounts/${id}`, undefined, {}, 'points')).body as { available: number; reserved: number; pending: number; lifetimeSpent: number };
  const found = async (token: string, keyword: string) => ((await h.call(token, 'GET', `/demands?keyword=${encodeURIComponent(keyword)}`)).body.items as { demandId: string }[]).map((d) => d.demandId);

  it('publish a need with points -> in the catalogue and search -> an expert answers it -> the answer earns, the seeker reads it', async () => {
    const seeker = await expert(300);
    const requested = await h.call(seeker.token, 'POST', '/needs', need);
    expect(requested.body).toMatchObject({ status: 'in-review', points: 100 });
    const needId = requested.body.needId as string;
    const alice = await h.enterprise('alice', 'org-needs');
    // Not in the catalogue while in review.
    expect(await found(alice, 'thermal camera')).not.toContain(needId);

    const approved = await h.call(op, 'POST', `/needs/${needId}/approval`);
    expect(approved.body).toMatchObject({ status: 'published', demandId: needId });
    expect(await account(seeker.id)()).toMatchObject({ available: 200, reserved: 0, lifetimeSpent: 100 });

    // A demand like any other: the same catalogue, search (both languages), reads, contract event.
    const answerer = await expert(0);
    for (const who of [answerer.token, alice]) {
      expect(await found(who, 'camera thermal')).toContain(needId);
      expect(await found(who, '热像仪')).toContain(needId);
    }
    const read = await h.call(answerer.token, 'GET', `/demands/${needId}`);
    expect(read.body).toMatchObject({ demandId: needId, status: 'published', visibility: 'public', need: { needId, expertId: seeker.id, points: 100 }, organisationId: NEED_SEEKER_ORGANISATION });
    expect((await h.published1('DemandPublished', (e) => (e.data as { demandId: string }).demandId === needId)).data).toMatchObject({ title: need.title, keywords: ['thermal'] });

    // An expert answers it exactly as a demand; the points service earns from the same contract event.
    const clue = await h.call(answerer.token, 'POST', `/demands/${needId}/proposals`, { kind: 'clue', title: 'FLIR Lepton module', body: 'About 300 CNY.' });
    expect(clue.status).toBe(201);
    const plan = await h.call(answerer.token, 'POST', `/demands/${needId}/proposals`, { kind: 'plan', title: 'Uncooled microbolometer kit', body: 'b' });
    expect(plan.status).toBe(201);
    expect(await until(account(answerer.id), (a) => a?.pending === 25, 'points of the answerer')).toMatchObject({ pending: 25 });

    // The expert who asked reads the answers; nobody else but staff does.
    const answers = await h.call(seeker.token, 'GET', `/demands/${needId}/proposals`);
    expect(answers.status).toBe(200);
    expect(answers.body.items.map((p: { proposalId: string }) => p.proposalId).sort()).toEqual([clue.body.proposalId, plan.body.proposalId].sort());
    expect((await h.call(answerer.token, 'GET', `/demands/${needId}/proposals`)).status).toBe(404);
    expect((await h.call(alice, 'GET', `/demands/${needId}/proposals`)).status).toBe(404);
    expect((await h.call(op, 'GET', `/demands/${needId}/proposals`)).status).toBe(200);

    // The expert who asked decides on the answers as a seeking organisation does: shortlist, adopt, reject.
    // Another expert may not (403, whether or not they wrote the answer), nor may another organisation.
    const planId = plan.body.proposalId as string;
    const clueId = clue.body.proposalId as string;
    const byAnswerer = await h.call(answerer.token, 'POST', `/proposals/${planId}/shortlisting`);
    expect(byAnswerer.status).toBe(403);
    expect(byAnswerer.body.code).toBe('PROPOSAL.FORBIDDEN');
    expect((await h.call(alice, 'POST', `/proposals/${planId}/shortlisting`)).status).toBe(404);
    expect((await h.call(seeker.token, 'POST', `/proposals/${planId}/shortlisting`)).body).toMatchObject({ proposalId: planId, status: 'shortlisted' });
    expect((await h.call(seeker.token, 'POST', `/proposals/${planId}/adoption`)).body).toMatchObject({ proposalId: planId, status: 'adopted' });
    expect((await h.call(seeker.token, 'POST', `/proposals/${clueId}/rejection`, { reason: 'off-topic' })).body).toMatchObject({ proposalId: clueId, status: 'rejected' });
    expect((await h.call(answerer.token, 'POST', `/proposals/${clueId}/rejection`, { reason: 'off-topic' })).status).toBe(403);

    // And closes it, awarded to the adopted plan; another expert may not close it.
    const closedByAnswerer = await h.call(answerer.token, 'POST', `/demands/${needId}/closure`);
    expect(closedByAnswerer.status).toBe(403);
    expect(closedByAnswerer.body.code).toBe('DEMAND.FORBIDDEN');
    expect((await h.call(seeker.token, 'POST', `/demands/${needId}/closure`)).body).toMatchObject({ demandId: needId, status: 'closed', outcome: 'awarded' });
    expect((await h.published1('DemandClosed', (e) => (e.data as { demandId: string }).demandId === needId)).data).toMatchObject({ outcome: 'awarded', adoptedProposalIds: [planId] });
  });

  it('a need paid for before needs became demands (its stream ends at NeedPointsCaptured) still folds, and the saga job lists it', async () => {
    const seeker = await expert(0);
    const needId = randomUUID();
    const old = new AggregateHandler(h.store, needs);
    const by = (subject: string, role: 'expert' | 'operator' | 'service') => ({ now: new Date(), by: { subject, role } });
    // The events the saga recorded before this change, in the same order and shape.
    await old.handle(needId, { type: 'RequestNeed', data: { needId, content: { ...need, title: { en: 'Legacy vibration sensor' }, keywords: [] } }, metadata: by(seeker.id, 'expert') }, { commandId: needId });
    await old.handle(needId, { type: 'RecordReservation', data: { reservationId: 'r-old', points: 100 }, metadata: by('demand', 'service') }, { commandId: `${needId}:r` });
    await old.handle(needId, { type: 'ApproveNeed', data: {}, metadata: by('op-1', 'operator') }, { commandId: `${needId}:a` });
    await old.handle(needId, { type: 'RecordCapture', data: {}, metadata: by('demand', 'service') }, { commandId: `${needId}:c` });
    expect((await h.call(op, 'GET', `/needs/${needId}`)).body).toMatchObject({ status: 'listing' });

    await h.get('demand', NeedSagaJob).run();
    expect((await h.call(op, 'GET', `/needs/${needId}`)).body).toMatchObject({ status: 'published', demandId: needId });
    expect(await found(seeker.token, 'legacy vibration')).toEqual([needId]);
    // A second run lists nothing twice.
    await h.get('demand', NeedSagaJob).run();
    const demandEvents: string[] = [];
    for await (const e of h.store.readStream(`demand-${needId}`)) demandEvents.push(e.type);
    expect(demandEvents).toEqual(['DemandDrafted', 'DemandPublished']);
  });
});
