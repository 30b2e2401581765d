import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics, decodeEnvelope, type EventEnvelope } from '@hope/contracts';
import { matchingService } from '@hope/matching';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { ManualClock, grantMemberships } from '@hope/platform/testing';
import { consultingService } from '../src/consulting.service';
import { client } from './http-client';
import { joinExpert } from './known';

const H = 3_600_000;
const buyer = { sub: 'buyer-a', role: 'enterprise', org: 'org-a' };
const host = { sub: 'rated-exp', role: 'expert' };

/** Completion and both ratings reach `hope.consulting.events` as ConsultationCompleted / ConsultationRated. */
describe('ratings published for matching (embedded mode)', () => {
  jest.setTimeout(60_000);
  const clock = new ManualClock(new Date('2030-03-04T08:00:00.000Z'));
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;
  const published: EventEnvelope[] = [];
  let reader: { stop(): Promise<void> };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-ratings-'));
    platform = await startEmbeddedPlatform({ services: [consultingService, matchingService], dataDir: dir, freePorts: true, clock, env: { LOG_LEVEL: 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise callers are members.
    await grantMemberships(platform, [{ organisationId: 'org-a', subject: 'buyer-a' }]);
    api = client(platform);
    reader = await platform.bus.consume({ groupId: `test-${randomUUID()}`, topics: [Topics.consulting], handler: async (m) => void published.push(decodeEnvelope(m.value)) });
    await joinExpert(platform, host.sub, { name: 'Rated Expert' });
  });
  afterAll(async () => {
    await reader.stop();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ofBooking = (id: string, type: string) => published.filter((e) => e.type === type && (e.data as { bookingId?: string }).bookingId === id);
  const until = async (done: () => boolean) => {
    for (let n = 0; n < 200 && !done(); n++) await new Promise((r) => setTimeout(r, 25));
  };

  it('each side rates once; each rating goes out as ConsultationRated with the booking id of ConsultationCompleted', async () => {
    const start = new Date(clock.now().getTime() + 48 * H).toISOString();
    const id = (await api.call(buyer, 'POST', '/interviews', { expertId: 'rated-exp', topic: 'defrost cycles', durationMinutes: 60, slots: [start] })).body.interviewId as string;
    await api.call(host, 'POST', `/interviews/${id}/acceptance`, { start });
    expect((await api.call(host, 'POST', `/interviews/${id}/attestation`, { noConfidentialInformation: true, noConflictOfInterest: true })).body.status).toBe('confirmed');
    clock.advance(49 * H);
    expect((await api.call(host, 'POST', `/interviews/${id}/completion`, { actualMinutes: 55 })).body.status).toBe('completed');

    // Bad input changes nothing and publishes nothing.
    const bad = await api.call(buyer, 'POST', `/interviews/${id}/ratings`, { score: 9 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['score']);

    expect((await api.call(buyer, 'POST', `/interviews/${id}/ratings`, { score: 4, comment: 'clear answers' })).body.ratings).toEqual({ enterprise: 4, expert: null });
    expect((await api.call(host, 'POST', `/interviews/${id}/ratings`, { score: 5 })).body.ratings).toEqual({ enterprise: 4, expert: 5 });
    // A side rates once: the second attempt is refused and nothing more goes out.
    expect((await api.call(buyer, 'POST', `/interviews/${id}/ratings`, { score: 1 })).body).toMatchObject({ status: 409, code: 'INTERVIEW.ALREADY_RATED' });

    await until(() => ofBooking(id, 'ConsultationRated').length >= 2 && ofBooking(id, 'ConsultationCompleted').length >= 1);
    expect(ofBooking(id, 'ConsultationCompleted')).toHaveLength(1);
    const ratings = ofBooking(id, 'ConsultationRated');
    expect(ratings.map((e) => e.data)).toEqual([
      { bookingId: id, expertId: 'rated-exp', organisationId: 'org-a', ratedBy: 'enterprise', score: 4, ratedAt: clock.now().toISOString() },
      { bookingId: id, expertId: 'rated-exp', organisationId: 'org-a', ratedBy: 'expert', score: 5, ratedAt: clock.now().toISOString() },
    ]);
    // The private comment stays in consulting; each envelope is keyed by the expert's calendar stream.
    expect(JSON.stringify(ratings)).not.toContain('clear answers');
    expect(ratings.every((e) => e.stream === 'expert-calendar-rated-exp' && e.version === 1)).toBe(true);
  });
});
