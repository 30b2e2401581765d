import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform, type ScheduledJob } from '@hope/platform';
import { ManualClock, grantMemberships } from '@hope/platform/testing';
import { PointsGateway } from '../src/application/points-gateway';
import { consultingService } from '../src/consulting.service';
import { ResumePointsPaymentsJob } from '../src/jobs/resume-points-payments.job';
import { client } from './http-client';
import { announce, joinExpert } from './known';
import { expectRebuildsEqualLive } from './read-models';

const H = 3_600_000;
const DAY = 24 * H;
const operator = { sub: 'ops', role: 'operator' };
const expert = (sub: string) => ({ sub, role: 'expert' });
const acmeBuyer = { sub: 'buyer-1', role: 'enterprise', org: 'acme' };

/**
 * Consulting + points (+ matching for the gate) for real: a booking weeks ahead keeps its reservation
 * past points' 24 h timeout (holdUntil); a late cancellation captures the share owed and releases the
 * rest; an enterprise pays from its organisation's account `org:<organisationId>`.
 */
describe('points payments: holds for calls weeks ahead, partial capture, organisation accounts (embedded mode)', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock(new Date('2030-03-04T08:00:00.000Z'));
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;
  let points: ReturnType<typeof client>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-holds-'));
    platform = await startEmbeddedPlatform({ services: [consultingService, pointsService, matchingService], dataDir: dir, freePorts: true, clock, env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise callers are members.
    await grantMemberships(platform, [{ organisationId: 'acme', subject: 'buyer-1' }, { organisationId: 'globex', subject: 'buyer-9' }]);
    api = client(platform);
    // Consulting refuses experts it never heard of: their services announce them.
    await announce(platform, { experts: ['host-c', 'host-e', 'host-f', 'host-h'] });
    points = client(platform, 'points');
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (hoursFromNow: number) => new Date(clock.now().getTime() + hoursFromNow * H).toISOString();
  const grant = async (accountId: string, amount: number) =>
    expect((await points.call(operator, 'POST', `/accounts/${accountId}/adjustments`, { adjustmentId: randomUUID(), points: amount, reason: 'test budget' })).status).toBe(201);
  const balance = async (accountId: string) => (await points.call(operator, 'GET', `/accounts/${accountId}`)).body as { available: number; reserved: number; lifetimeSpent: number };
  const accountEvents = async (accountId: string) => collect(platform.stores.get('points')!.readStream(`account-${accountId}`));
  const ofType = async (accountId: string, type: string) => (await accountEvents(accountId)).filter((e) => e.type === type);
  /** Points' reservation-timeout job, found by its name (the way points' own e2e drives it: `run()` with the manual clock). */
  const reservationTimeout = (): ScheduledJob => {
    const app = platform.services.get('points')!.app.app;
    const job = (pointsService.jobs ?? []).map((J) => app.get(J, { strict: false })).find((j) => j.name === 'reservation-timeout');
    if (!job) throw new Error('points has no reservation-timeout job');
    return job;
  };

  /** The requester books `host` for a slot `startsIn` hours ahead paid by points; the host accepts and passes the gate. */
  const bookAndConfirm = async (requester: { sub: string; role: string; org?: string }, host: string, startsIn: number) => {
    const created = await api.call(requester, 'POST', '/interviews', { expertId: host, topic: 'heat pumps', durationMinutes: 60, slots: [at(startsIn)], payment: 'points' });
    expect(created.status).toBe(201);
    const id = created.body.interviewId as string;
    expect((await api.call(expert(host), 'POST', `/interviews/${id}/acceptance`, { start: at(startsIn) })).status).toBe(200);
    await joinExpert(platform, host, { name: host });
    const confirmed = await api.call(expert(host), 'POST', `/interviews/${id}/attestation`, { noConfidentialInformation: true, noConflictOfInterest: true });
    expect(confirmed.body).toMatchObject({ status: 'confirmed' });
    return { id, confirmed: confirmed.body };
  };

  it('a call 3 weeks ahead keeps its reservation after the timeout job ran, and is captured on completion', async () => {
    await grant('payer-h', 500);
    const startsIn = 21 * 24;
    const { id, confirmed } = await bookAndConfirm(expert('payer-h'), 'host-h', startsIn);
    // Held until the call's end (start + 60 min) plus the 7-day completion margin.
    const holdUntil = new Date(Date.parse(at(startsIn)) + H + 7 * DAY).toISOString();
    expect(confirmed.pointsPayment).toMatchObject({ status: 'reserved', points: 200, holdUntil });
    expect((await ofType('payer-h', 'PointsReserved'))[0]!.data).toMatchObject({ timeoutAt: holdUntil });

    // Two days on, far past points' 24 h catalogue timeout: the job runs and leaves this reservation alone.
    clock.advance(2 * DAY);
    await reservationTimeout().run();
    clock.advance(10 * DAY);
    await reservationTimeout().run();
    expect(await balance('payer-h')).toMatchObject({ available: 300, reserved: 200 });

    clock.advance(startsIn * H - 12 * DAY + 2 * H);
    await reservationTimeout().run();
    const done = await api.call(expert('host-h'), 'POST', `/interviews/${id}/completion`, { actualMinutes: 60 });
    expect(done.body).toMatchObject({ status: 'completed', pointsPayment: { status: 'captured', capturedPoints: 200, releasedPoints: 0 } });
    // The first reservation was captured: never released by the timeout, never reserved again.
    expect(await ofType('payer-h', 'PointsReserved')).toHaveLength(1);
    expect(await ofType('payer-h', 'ReservationReleased')).toHaveLength(0);
    expect(await balance('payer-h')).toMatchObject({ available: 300, reserved: 0, lifetimeSpent: 200 });
  });

  it('a points call ending beyond the 180-day hold is refused when its slot is agreed: 400 naming start, nothing written', async () => {
    const far = at(175 * 24);
    const created = await api.call(expert('payer-f'), 'POST', '/interviews', { expertId: 'host-f', topic: 't', durationMinutes: 60, slots: [far], payment: 'points' });
    const before = (await collect(platform.stores.get('consulting')!.readStream('expert-calendar-host-f'))).length;
    const refused = await api.call(expert('host-f'), 'POST', `/interviews/${created.body.interviewId}/acceptance`, { start: far });
    expect([refused.status, refused.contentType]).toEqual([400, expect.stringContaining('application/problem+json')]);
    expect(refused.body).toMatchObject({ code: 'INTERVIEW.BEYOND_POINTS_HOLD', errors: [expect.objectContaining({ field: 'start' })] });
    expect(await collect(platform.stores.get('consulting')!.readStream('expert-calendar-host-f'))).toHaveLength(before);
  });

  it('a late cancellation (24-48 h, 50 % refund) captures half of the reservation and releases the rest, once, across a crash', async () => {
    await grant('payer-c', 300);
    const { id } = await bookAndConfirm(expert('payer-c'), 'host-c', 36);
    expect(await balance('payer-c')).toMatchObject({ available: 100, reserved: 200 });
    // The process "dies" right after points captured: consulting has not recorded it.
    const gateway = platform.services.get('consulting')!.app.app.get(PointsGateway);
    const capture = gateway.capture.bind(gateway);
    jest.spyOn(gateway, 'capture').mockImplementationOnce(async (...args) => {
      await capture(...args);
      throw new Error('process died');
    });
    const cancelled = await api.call(expert('payer-c'), 'POST', `/interviews/${id}/cancellation`, { reason: 'plans changed' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundPercent: 50, pointsPayment: { status: 'reserved', settling: 'capture', capturePercent: 50 } });
    // The resume job (twice, as a redelivery would) repeats the same call under the same key: points answers the first capture.
    const job = platform.services.get('consulting')!.app.app.get(ResumePointsPaymentsJob);
    await job.run();
    await job.run();
    expect((await api.call(expert('payer-c'), 'GET', `/interviews/${id}`)).body.pointsPayment).toMatchObject({
      status: 'captured',
      capturePercent: 50,
      capturedPoints: 100,
      releasedPoints: 100,
      refundOwedPercent: 0,
    });
    expect(await balance('payer-c')).toMatchObject({ available: 200, reserved: 0, lifetimeSpent: 100 });
    const moves = (await accountEvents('payer-c')).filter((e) => e.type === 'ReservationCaptured' || e.type === 'ReservationReleased');
    expect(moves.map((e) => [e.type, (e.data as { points: number }).points, (e.data as { reason?: string }).reason])).toEqual([
      ['ReservationCaptured', 100, undefined],
      ['ReservationReleased', 100, 'partial-capture'],
    ]);
  });

  it("an enterprise pays by points from org:<id>: the organisation's balance drops by the price, the expert's account only earns the reward", async () => {
    await grant('org:acme', 500);
    const { id, confirmed } = await bookAndConfirm(acmeBuyer, 'host-e', 30);
    expect(confirmed).toMatchObject({ organisationId: 'acme', payment: 'points', pointsPayment: { payerId: 'org:acme', status: 'reserved', points: 200 } });
    expect(await balance('org:acme')).toMatchObject({ available: 300, reserved: 200 });
    // Another organisation's member does not see the booking.
    expect((await api.call({ sub: 'buyer-9', role: 'enterprise', org: 'globex' }, 'GET', `/interviews/${id}`)).status).toBe(404);

    clock.advance(31 * H);
    const done = await api.call(expert('host-e'), 'POST', `/interviews/${id}/completion`, { actualMinutes: 50 });
    expect(done.body).toMatchObject({ status: 'completed', pointsPayment: { status: 'captured', capturedPoints: 200 } });
    expect(await balance('org:acme')).toMatchObject({ available: 300, reserved: 0, lifetimeSpent: 200 });

    // ConsultationCompleted reaches points asynchronously (the bus): the expert earns the reward, and nothing else moves there.
    for (let n = 0; n < 200 && (await ofType('host-e', 'PointsEarned')).length === 0; n++) await new Promise((r) => setTimeout(r, 25));
    const hostEvents = await accountEvents('host-e');
    expect(hostEvents.map((e) => e.type)).toEqual(['PointsEarned']);
    expect(hostEvents[0]!.data).toMatchObject({ points: 40 });
    expect(await ofType('org:acme', 'PointsEarned')).toHaveLength(0);
  });

  it('every read model rebuilt from position 0 equals the live one', async () => {
    await expectRebuildsEqualLive(platform);
  });
});
