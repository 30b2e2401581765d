import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { ManualClock } from '@hope/platform/testing';
import { consultingService } from '../src/consulting.service';
import { ResumePointsPaymentsJob } from '../src/jobs/resume-points-payments.job';
import { client } from './http-client';
import { joinExpert } from './known';
import { expectRebuildsEqualLive } from './read-models';

const H = 3_600_000;
const operator = { sub: 'ops', role: 'operator' };
const expert = (sub: string) => ({ sub, role: 'expert' });
const member = { sub: 'buyer-1', role: 'enterprise', org: 'acme' };

/**
 * The hole found: an organisation member released consulting's 200-point reservation for a confirmed
 * interview, spent the points elsewhere, and the refused payment at completion was accepted as final
 * (the org spent 0, the expert earned 40). Now the saga's reservation is the saga's, and a payment
 * refused after delivery is the payer's debt.
 */
describe("a saga's reservation belongs to the saga; a refused payment after delivery becomes debt (embedded mode)", () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock(new Date('2030-03-04T08:00:00.000Z'));
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;
  let points: ReturnType<typeof client>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-debts-'));
    platform = await startEmbeddedPlatform({ services: [consultingService, pointsService, matchingService], dataDir: dir, freePorts: true, clock, env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
    api = client(platform);
    points = client(platform, 'points');
    // Tenancy rests on membership demand publishes: the buyer is a member of acme.
    await grantMemberships(platform, [{ organisationId: member.org, subject: member.sub }]);
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (hoursFromNow: number) => new Date(clock.now().getTime() + hoursFromNow * H).toISOString();
  const grant = async (accountId: string, amount: number) =>
    expect((await points.call(operator, 'POST', `/accounts/${accountId}/adjustments`, { adjustmentId: randomUUID(), points: amount, reason: 'test budget' })).status).toBe(201);
  const balance = async (accountId: string) => (await points.call(operator, 'GET', `/accounts/${accountId}`)).body as { available: number; reserved: number; debt: number };
  const accountEvents = async (accountId: string) => collect(platform.stores.get('points')!.readStream(`account-${accountId}`));
  const paymentEvents = async (paymentId: string) => (await collect(platform.stores.get('consulting')!.readStream(`points-payment-${paymentId}`))).map((e) => e.type);
  const resume = () => platform.services.get('consulting')!.app.app.get(ResumePointsPaymentsJob).run();

  const bookAndConfirm = async (requester: { sub: string; role: string; org?: string }, host: string, startsIn: number) => {
    // The expert joins matching first: consulting books only experts it heard join (ExpertJoined on the bus).
    await joinExpert(platform, host, { name: host });
    let created = await api.call(requester, 'POST', '/interviews', { expertId: host, topic: 'heat pumps', durationMinutes: 60, slots: [at(startsIn)], payment: 'points' });
    for (let i = 0; i < 100 && created.status === 422; i++) {
      await new Promise((r) => setTimeout(r, 50));
      created = await api.call(requester, 'POST', '/interviews', { expertId: host, topic: 'heat pumps', durationMinutes: 60, slots: [at(startsIn)], payment: 'points' });
    }
    expect(created.status).toBe(201);
    const id = created.body.interviewId as string;
    expect((await api.call(expert(host), 'POST', `/interviews/${id}/acceptance`, { start: at(startsIn) })).status).toBe(200);
    const confirmed = await api.call(expert(host), 'POST', `/interviews/${id}/attestation`, { noConfidentialInformation: true, noConflictOfInterest: true });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', pointsPayment: { status: 'reserved', points: 200 } });
    return { id, reservationId: confirmed.body.pointsPayment.reservationId as string };
  };

  it('interview: the member cannot release the saga’s reservation (403); if it is gone anyway, completion records a 200 debt on the org, repaid first by a later grant', async () => {
    await grant('org:acme', 200);
    const { id, reservationId } = await bookAndConfirm(member, 'host-d', 30);

    // (a) The exact move of the report: refused, with a code and a way out; nothing moved.
    const refused = await points.call(member, 'POST', `/accounts/org:acme/redemptions/${reservationId}/release`, {});
    expect([refused.status, refused.contentType]).toEqual([403, expect.stringContaining('application/problem+json')]);
    expect(refused.body).toMatchObject({ code: 'POINTS.RESERVATION_HELD_BY_SERVICE', detail: expect.stringContaining('cancel the interview / seat / need through service:consulting') });
    expect(await balance('org:acme')).toMatchObject({ available: 0, reserved: 200 });

    // (b) The reservation is gone nevertheless (an operator released it), and the member spends the 200 elsewhere.
    expect((await points.call(operator, 'POST', `/accounts/org:acme/redemptions/${reservationId}/release`, {})).status).toBe(200);
    expect((await points.call(member, 'POST', '/accounts/org:acme/redemptions', { itemId: 'expert-interview' })).status).toBe(201);

    clock.advance(31 * H);
    const done = await api.call(expert('host-d'), 'POST', `/interviews/${id}/completion`, { actualMinutes: 60 });
    expect(done.body).toMatchObject({ status: 'completed', pointsPayment: { status: 'debt', debtPoints: 200, failureCode: 'POINTS.INSUFFICIENT' } });
    expect(await paymentEvents(`interview-${id}`)).toEqual(['PointsPaymentOpened', 'PointsReserved', 'PointsPaymentSettling', 'PointsReservationLapsed', 'PointsPaymentOwed', 'PointsDebtRecorded']);
    expect(await balance('org:acme')).toMatchObject({ available: 0, reserved: 200, debt: 200 });
    const debt = (await accountEvents('org:acme')).filter((e) => e.type === 'PointsAdjusted' && (e.data as { points: number }).points < 0);
    expect(debt.map((e) => e.data)).toEqual([expect.objectContaining({ adjustmentId: `consulting:interview-${id}`, points: -200, debt: 200, by: 'service:consulting' })]);

    // Resumed again (a redelivery): nothing more is owed.
    await resume();
    expect(await balance('org:acme')).toMatchObject({ debt: 200 });

    // A later grant pays the debt first.
    await grant('org:acme', 300);
    expect(await balance('org:acme')).toMatchObject({ available: 100, reserved: 200, debt: 0 });
  });

  it('seat: the expert cannot release the seat’s reservation (403); gone anyway, the seat used at the start becomes an 80-point debt', async () => {
    await grant('seat-d', 80);
    const seminar = await api.call(operator, 'POST', '/meetings', { kind: 'technical-seminar', title: 'Inverters', startsAt: at(48), endsAt: at(50), online: true, seats: 5 });
    const m = seminar.body.meetingId as string;
    expect((await api.call(expert('seat-d'), 'POST', `/meetings/${m}/registrations`, {})).body).toMatchObject({ status: 'seated', pointsPayment: { status: 'reserved', points: 80 } });
    const [reserved] = (await accountEvents('seat-d')).filter((e) => e.type === 'PointsReserved');
    const reservationId = (reserved!.data as { reservationId: string }).reservationId;

    const refused = await points.call(expert('seat-d'), 'POST', `/accounts/seat-d/redemptions/${reservationId}/release`, {});
    expect([refused.status, refused.body.code]).toEqual([403, 'POINTS.RESERVATION_HELD_BY_SERVICE']);

    expect((await points.call(operator, 'POST', `/accounts/seat-d/redemptions/${reservationId}/release`, {})).status).toBe(200);
    expect((await points.call(expert('seat-d'), 'POST', '/accounts/seat-d/redemptions', { itemId: 'technical-seminar-seat' })).status).toBe(201);

    clock.advance(49 * H);
    await resume();
    expect(await paymentEvents(`seat-${m}-seat-d`)).toEqual(['PointsPaymentOpened', 'PointsReserved', 'PointsPaymentSettling', 'PointsReservationLapsed', 'PointsPaymentOwed', 'PointsDebtRecorded']);
    expect(await balance('seat-d')).toMatchObject({ available: 0, debt: 80 });
    await grant('seat-d', 100);
    expect(await balance('seat-d')).toMatchObject({ available: 20, debt: 0 });
  });

  it('every read model rebuilt from position 0 equals the live one', async () => {
    await expectRebuildsEqualLive(platform);
  });
});
