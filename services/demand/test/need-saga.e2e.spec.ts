import { randomUUID } from 'node:crypto';
import { AggregateHandler } from '@hope/kernel';
import { pointsService } from '@hope/points';
import { ManualClock } from '@hope/platform/testing';
import { demandService } from '../src';
import { needs } from '../src/domain/need/need.aggregate';
import { needStream } from '../src/domain/need/need.decide';
import { NeedSagaJob } from '../src/jobs/need-saga.job';
import { DemandHarness } from './demand-e2e.harness';

const H = 3_600_000;
const need = { title: { en: 'Cheap thermal camera', zh: '低成本热像仪' }, description: { en: 'Under 500 CNY for line inspection.' }, domain: 'industrial-internet', keywords: ['thermal'] };

describe('an expert publishes a need with points: a saga with the real points service (embedded)', () => {
  jest.setTimeout(60_000);
  const clock = new ManualClock(new Date());
  const h = new DemandHarness({ clock, services: [demandService, pointsService] });
  let op: string;

  const tokens = async () => {
    op = await h.token('operator', 'op-1');
  };
  beforeAll(async () => {
    await h.start();
    await tokens();
  });
  afterAll(() => h.stop());

  const expert = async (points: number): Promise<{ id: string; token: string }> => {
    const id = `x-${randomUUID().slice(0, 8)}`;
    const grant = await h.call(op, 'POST', `/accounts/${id}/adjustments`, { adjustmentId: randomUUID(), points, reason: 'test grant' }, {}, 'points');
    expect(grant.status).toBe(201);
    return { id, token: await h.token('expert', id) };
  };
  const account = async (id: string) => (await h.call(op, 'GET', `/accounts/${id}`, undefined, {}, 'points')).body as { available: number; reserved: number; lifetimeSpent: number };
  const ledgerTypes = async (id: string) => ((await h.call(op, 'GET', `/accounts/${id}/ledger`, undefined, {}, 'points')).body.items as { type: string }[]).map((e) => e.type);
  const needEvents = async (needId: string) => {
    const types: string[] = [];
    for await (const e of h.store.readStream(needStream(needId))) types.push(e.type);
    return types;
  };

  it('request reserves 100, publication captures them; rejection releases them', async () => {
    const x = await expert(300);
    const requested = await h.call(x.token, 'POST', '/needs', need, { 'Idempotency-Key': 'need-1' });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'in-review', points: 100, expertId: x.id });
    expect(await account(x.id)).toMatchObject({ available: 200, reserved: 100 });
    // A retry of the request is answered from the first one: one need, one reservation.
    expect((await h.call(x.token, 'POST', '/needs', need, { 'Idempotency-Key': 'need-1' })).body.needId).toBe(requested.body.needId);
    expect(await account(x.id)).toMatchObject({ available: 200, reserved: 100 });

    expect((await h.call(op, 'GET', '/needs?status=in-review')).body.items.map((n: { needId: string }) => n.needId)).toContain(requested.body.needId);
    expect((await h.call(x.token, 'POST', `/needs/${requested.body.needId}/approval`)).status).toBe(403);
    const published = await h.call(op, 'POST', `/needs/${requested.body.needId}/approval`);
    expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect(await account(x.id)).toMatchObject({ available: 200, reserved: 0, lifetimeSpent: 100 });

    const second = (await h.call(x.token, 'POST', '/needs', need)).body;
    expect(await account(x.id)).toMatchObject({ available: 100, reserved: 100 });
    expect((await h.call(op, 'POST', `/needs/${second.needId}/rejection`, {})).status).toBe(400);
    const rejected = await h.call(op, 'POST', `/needs/${second.needId}/rejection`, { reason: 'Out of scope' });
    expect(rejected.body).toMatchObject({ status: 'rejected', outcome: { kind: 'rejected', reason: 'Out of scope' } });
    expect(await account(x.id)).toMatchObject({ available: 200, reserved: 0, lifetimeSpent: 100 });
    expect(await needEvents(second.needId)).toEqual(['NeedRequested', 'NeedPointsReserved', 'NeedRejected', 'NeedPointsReleased']);

    // Others see the published need only; the rejected one is its expert's and staff's.
    const other = await h.token('expert', 'x-other');
    expect((await h.call(other, 'GET', `/needs/${requested.body.needId}`)).status).toBe(200);
    expect((await h.call(other, 'GET', `/needs/${second.needId}`)).status).toBe(404);
  });

  it('an expert without enough points is refused by the points service, and nothing is reserved', async () => {
    const x = await expert(60);
    const r = await h.call(x.token, 'POST', '/needs', need);
    expect(r.body).toMatchObject({ status: 'refused', outcome: { kind: 'refused', reason: 'POINTS.INSUFFICIENT' } });
    expect(await account(x.id)).toMatchObject({ available: 60, reserved: 0 });
  });

  it('a need nobody reviews in 12 h times out and the job releases its points', async () => {
    const x = await expert(100);
    const id = (await h.call(x.token, 'POST', '/needs', need)).body.needId as string;
    const job = h.get('demand', NeedSagaJob);
    await job.run();
    expect((await h.call(x.token, 'GET', `/needs/${id}`)).body.status).toBe('in-review');
    const timeouts = async () => {
      const text = await (await fetch(`${h.running.services.get('demand')!.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('hope_saga_timeouts_total{') && l.includes('saga="need-publication"'));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const before = await timeouts();
    clock.advance(12 * H + 1);
    await job.run();
    await job.run();
    expect((await h.call(x.token, 'GET', `/needs/${id}`)).body).toMatchObject({ status: 'timed-out', outcome: { kind: 'timed-out' } });
    expect(await timeouts()).toBe(before + 1);
    expect(await account(x.id)).toMatchObject({ available: 100, reserved: 0 });
    expect((await h.call(op, 'POST', `/needs/${id}/approval`)).status).toBe(409);
  });

  it('a crash after the approval was recorded and before the capture: after a restart the job captures, exactly once', async () => {
    const x = await expert(250);
    const id = (await h.call(x.token, 'POST', '/needs', need)).body.needId as string;
    // The operator's approval reached the store, then the process died before calling the points service.
    const approve = { type: 'ApproveNeed' as const, data: {}, metadata: { now: clock.now(), by: { subject: 'op-1', role: 'operator' as const } } };
    await new AggregateHandler(h.store, needs).handle(id, approve, { commandId: `${id}:ApproveNeed` });
    await h.crash();
    await h.boot();
    await tokens();
    expect(await account(x.id)).toMatchObject({ available: 150, reserved: 100, lifetimeSpent: 0 });

    const job = h.get('demand', NeedSagaJob);
    await job.run();
    await job.run();
    // The operator, unsure, approves again: a no-op.
    expect((await h.call(op, 'POST', `/needs/${id}/approval`)).body.status).toBe('published');
    expect(await account(x.id)).toMatchObject({ available: 150, reserved: 0, lifetimeSpent: 100 });
    expect((await ledgerTypes(x.id)).filter((t) => t === 'ReservationCaptured')).toHaveLength(1);
    expect(await needEvents(id)).toEqual(['NeedRequested', 'NeedPointsReserved', 'NeedApproved', 'NeedPointsCaptured', 'NeedListed']);
  });

  it('a crash after the points service captured and before the saga recorded it: the resumed step records it, nothing is spent twice', async () => {
    const x = await expert(100);
    const requested = (await h.call(x.token, 'POST', '/needs', need)).body;
    const approve = { type: 'ApproveNeed' as const, data: {}, metadata: { now: clock.now(), by: { subject: 'op-1', role: 'operator' as const } } };
    await new AggregateHandler(h.store, needs).handle(requested.needId, approve, { commandId: `${requested.needId}:ApproveNeed` });
    // The capture call went through; its answer was lost with the process.
    const service = await h.token('service', 'service:demand');
    expect((await h.call(service, 'POST', `/accounts/${x.id}/redemptions/${requested.reservationId}/capture`, undefined, { 'Idempotency-Key': `need-${requested.needId}:capture` }, 'points')).status).toBe(200);
    await h.crash();
    await h.boot();
    await tokens();
    await h.get('demand', NeedSagaJob).run();
    expect((await h.call(op, 'GET', `/needs/${requested.needId}`)).body.status).toBe('published');
    expect(await account(x.id)).toMatchObject({ available: 0, reserved: 0, lifetimeSpent: 100 });
    expect((await ledgerTypes(x.id)).filter((t) => t === 'ReservationCaptured')).toHaveLength(1);
  });
});
