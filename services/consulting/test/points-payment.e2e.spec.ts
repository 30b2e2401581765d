import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { ManualClock, grantMemberships } from '@hope/platform/testing';
import { PointsGateway } from '../src/application/points-gateway';
import { consultingService } from '../src/consulting.service';
import { ResumePointsPaymentsJob } from '../src/jobs/resume-points-payments.job';
import { client } from './http-client';
import { announce, joinExpert } from './known';
import { expectRebuildsEqualLive } from './read-models';

const H = 3_600_000;
const operator = { sub: 'ops', role: 'operator' };
const expert = (sub: string) => ({ sub, role: 'expert' });

/** Consulting and points running for real in one embedded platform; restartable on the same data dir. */
describe('points payment saga with the points service (embedded mode)', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock(new Date('2030-03-04T08:00:00.000Z'));
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;
  let points: ReturnType<typeof client>;

  const start = async () => {
    platform = await startEmbeddedPlatform({ services: [consultingService, pointsService, matchingService], dataDir: dir, freePorts: true, clock, env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise callers are members.
    await grantMemberships(platform, [{ organisationId: 'org-a', subject: 'buyer' }]);
    api = client(platform);
    points = client(platform, 'points');
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-points-'));
    await start();
    // Consulting refuses experts it never heard of: their services announce them.
    await announce(platform, { experts: ['host-1', 'host-2', 'host-3'] });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (hoursFromNow: number) => new Date(clock.now().getTime() + hoursFromNow * H).toISOString();
  const grant = async (expertId: string, amount: number) =>
    expect((await points.call(operator, 'POST', `/accounts/${expertId}/adjustments`, { adjustmentId: randomUUID(), points: amount, reason: 'test budget' })).status).toBe(201);
  const balance = async (expertId: string) => (await points.call(operator, 'GET', `/accounts/${expertId}`)).body as { available: number; reserved: number; lifetimeSpent: number };
  const pointsEvents = async (expertId: string, type: string) => (await collect(platform.stores.get('points')!.readStream(`account-${expertId}`))).filter((e) => e.type === type);
  const job = () => platform.services.get('consulting')!.app.app.get(ResumePointsPaymentsJob);

  /** An expert books a peer with points; the host accepts and passes the gate (attestation + matching): confirmed. */
  const bookAndConfirm = async (payer: string, host: string, startsIn: number) => {
    const created = await api.call(expert(payer), 'POST', '/interviews', { expertId: host, topic: 'heat pumps', durationMinutes: 60, slots: [at(startsIn)], payment: 'points' });
    expect(created.status).toBe(201);
    const id = created.body.interviewId as string;
    expect((await api.call(expert(host), 'POST', `/interviews/${id}/acceptance`, { start: at(startsIn) })).status).toBe(200);
    // The host is in matching's registry; the attestation completes the gate and matching clears the call.
    await joinExpert(platform, host, { name: host });
    const confirmed = await api.call(expert(host), 'POST', `/interviews/${id}/attestation`, { noConfidentialInformation: true, noConflictOfInterest: true });
    expect(confirmed.status).toBe(200);
    return { id, confirmed: confirmed.body };
  };

  it('reserves on confirm; a crash after points reserved but before consulting recorded it; restart: reserved once, captured once on completion', async () => {
    await grant('payer-1', 1000);
    // The process "dies" right after points answered: the reservation exists, consulting has not recorded it.
    const gateway = platform.services.get('consulting')!.app.app.get(PointsGateway);
    const reserve = gateway.reserve.bind(gateway);
    jest.spyOn(gateway, 'reserve').mockImplementationOnce(async (...args) => {
      await reserve(...args);
      throw new Error('process died');
    });
    const { id, confirmed } = await bookAndConfirm('payer-1', 'host-1', 20);
    expect(confirmed).toMatchObject({ status: 'confirmed', payment: 'points', pointsPayment: { status: 'reserving', reservationId: null } });
    expect(await balance('payer-1')).toMatchObject({ available: 800, reserved: 200 });

    await platform.stop();
    await start();
    await job().run();
    const resumed = (await api.call(expert('payer-1'), 'GET', `/interviews/${id}`)).body;
    expect(resumed.pointsPayment).toMatchObject({ status: 'reserved', points: 200 });
    expect(await balance('payer-1')).toMatchObject({ available: 800, reserved: 200 });
    expect(await pointsEvents('payer-1', 'PointsReserved')).toHaveLength(1);
    expect((await pointsEvents('payer-1', 'PointsReserved'))[0]!.data).toMatchObject({ reservationId: resumed.pointsPayment.reservationId });

    clock.advance(21 * H);
    const done = await api.call(expert('host-1'), 'POST', `/interviews/${id}/completion`, { actualMinutes: 55 });
    expect(done.body).toMatchObject({ status: 'completed', pointsPayment: { status: 'captured', points: 200 } });
    // Redelivery: the job and the saga again, after another restart: nothing more happens at points.
    await platform.stop();
    await start();
    await job().run();
    await job().run();
    expect(await pointsEvents('payer-1', 'ReservationCaptured')).toHaveLength(1);
    expect(await balance('payer-1')).toMatchObject({ available: 800, reserved: 0, lifetimeSpent: 200 });
    // The expert requester sees the booking; a third expert does not.
    expect((await api.call(expert('payer-1'), 'GET', '/interviews')).body.items.map((b: { interviewId: string }) => b.interviewId)).toContain(id);
    expect((await api.call(expert('stranger'), 'GET', `/interviews/${id}`)).status).toBe(404);
  });

  it('a cancellation with full refund releases; points refusing the reservation fails the call and frees its slot', async () => {
    await grant('payer-2', 300);
    const { id } = await bookAndConfirm('payer-2', 'host-2', 100);
    expect(await balance('payer-2')).toMatchObject({ available: 100, reserved: 200 });
    const cancelled = await api.call(expert('payer-2'), 'POST', `/interviews/${id}/cancellation`, { reason: 'plans changed' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundPercent: 100, pointsPayment: { status: 'released' } });
    expect(await balance('payer-2')).toMatchObject({ available: 300, reserved: 0, lifetimeSpent: 0 });

    await grant('payer-3', 100);
    const refused = await bookAndConfirm('payer-3', 'host-3', 30);
    expect(refused.confirmed).toMatchObject({ status: 'payment-failed', pointsPayment: { status: 'refused', failureCode: 'POINTS.INSUFFICIENT' } });
    expect(await balance('payer-3')).toMatchObject({ available: 100, reserved: 0 });
    // The slot is free again for a booking paid by contract.
    const other = await api.call({ sub: 'buyer', role: 'enterprise', org: 'org-a' }, 'POST', '/interviews', { expertId: 'host-3', topic: 't', durationMinutes: 60, slots: [at(30)] });
    expect((await api.call(expert('host-3'), 'POST', `/interviews/${other.body.interviewId}/acceptance`, { start: at(30) })).status).toBe(200);
  });

  it('seminar seats are paid with points: reserved when seated, released on leaving, the promoted expert pays, captured when it starts', async () => {
    const seminar = await api.call(operator, 'POST', '/meetings', { kind: 'technical-seminar', title: 'Inverters', startsAt: at(48), endsAt: at(50), online: true, seats: 1 });
    const m = seminar.body.meetingId as string;
    await grant('seat-a', 100);
    await grant('seat-b', 100);
    expect((await api.call(expert('seat-a'), 'POST', `/meetings/${m}/registrations`, {})).body).toMatchObject({ status: 'seated', pointsPayment: { status: 'reserved', points: 80 } });
    expect((await api.call(expert('seat-b'), 'POST', `/meetings/${m}/registrations`, {})).status).toBe(202);
    expect(await balance('seat-b')).toMatchObject({ available: 100, reserved: 0 });
    await api.call(expert('seat-a'), 'DELETE', `/meetings/${m}/registrations/mine`);
    expect(await balance('seat-a')).toMatchObject({ available: 100, reserved: 0 });
    expect(await balance('seat-b')).toMatchObject({ available: 20, reserved: 80 });

    clock.advance(49 * H);
    await job().run();
    await job().run();
    expect(await balance('seat-b')).toMatchObject({ available: 20, reserved: 0, lifetimeSpent: 80 });
    expect(await pointsEvents('seat-b', 'ReservationCaptured')).toHaveLength(1);

    // An expert without enough points gets no seat; an exchange meeting stays free.
    const tour = await api.call(operator, 'POST', '/meetings', { kind: 'innovation-tour', title: 'Shenzhen', startsAt: at(100), endsAt: at(110), venue: 'Shenzhen', online: false, seats: 5 });
    const broke = await api.call(expert('seat-b'), 'POST', `/meetings/${tour.body.meetingId}/registrations`, {});
    expect(broke).toMatchObject({ status: 422, body: { code: 'MEETING.PAYMENT_REFUSED' } });
    expect((await api.call(operator, 'GET', `/meetings/${tour.body.meetingId}`)).body).toMatchObject({ seatsTaken: 0 });
    const exchange = await api.call(operator, 'POST', '/meetings', { kind: 'exchange-meeting', title: 'Free', startsAt: at(100), endsAt: at(101), online: true, seats: 5 });
    expect((await api.call(expert('seat-b'), 'POST', `/meetings/${exchange.body.meetingId}/registrations`, {})).body).toMatchObject({ status: 'seated', pointsPayment: null });
  });

  it('every read model rebuilt from position 0 equals the live one', async () => {
    await expectRebuildsEqualLive(platform);
  });
});
