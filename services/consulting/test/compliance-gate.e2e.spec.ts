import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@hope/eventstore/testing';
import { matchingService } from '@hope/matching';
import { startEmbeddedPlatform, type EmbeddedPlatform, type RunningService } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { consultingService } from '../src/consulting.service';
import { client } from './http-client';
import { joinExpert } from './known';
import { expectRebuildsEqualLive } from './read-models';

const inDays = (days: number, hour = 9) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
const buyer = (org: string) => ({ sub: `buyer-${org}`, role: 'enterprise', org });
const expert = (sub: string) => ({ sub, role: 'expert' });
const operator = { sub: 'ops', role: 'operator' };
const attestation = { noConfidentialInformation: true, noConflictOfInterest: true };

/** The compliance gate asks the real matching service (same embedded platform) for its conflict check. */
describe('compliance gate with the matching service (embedded mode)', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-gate-'));
    platform = await startEmbeddedPlatform({ services: [consultingService, matchingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise callers are members.
    await grantMemberships(platform, ['org-acme', 'org-other'].map((org) => ({ organisationId: org, subject: `buyer-${org}` })));
    api = client(platform);
    // gate-emp works for org-acme today; gate-free has no employer on the platform.
    await joinExpert(platform, 'gate-emp', { name: 'Employed', employers: [{ employer: 'Acme', organisationId: 'org-acme', from: '2019-01' }] });
    await joinExpert(platform, 'gate-free', { name: 'Free' });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const calendar = async (expertId: string) => (await collect(platform.stores.get('consulting')!.readStream(`expert-calendar-${expertId}`))).filter((e) => e.data && (e.data as { interviewId?: string }).interviewId);
  const eventsOf = async (expertId: string, interviewId: string) =>
    (await calendar(expertId)).filter((e) => (e.data as { interviewId: string }).interviewId === interviewId).map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
  /** Requested by `org`, accepted by the expert on its first slot: the gate waits for attestation + check. */
  const agreed = async (org: string, expertId: string, start: string) => {
    const created = await api.call(buyer(org), 'POST', '/interviews', { expertId, topic: 'compressor noise', durationMinutes: 60, slots: [start] });
    expect(created.status).toBe(201);
    const id = created.body.interviewId as string;
    expect((await api.call(expert(expertId), 'POST', `/interviews/${id}/acceptance`, { start })).body.status).toBe('accepted');
    return id;
  };

  it("the expert's current employer asking for the call: matching does not clear it, the gate fails (422), never confirmed", async () => {
    const id = await agreed('org-acme', 'gate-emp', inDays(5));
    const answer = await api.call(expert('gate-emp'), 'POST', `/interviews/${id}/attestation`, attestation);
    expect(answer.status).toBe(422);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ code: 'INTERVIEW.CONFLICT_CHECK_FAILED', status: 422, detail: expect.stringContaining('currently employed by org-acme') });

    const booking = (await api.call(buyer('org-acme'), 'GET', `/interviews/${id}`)).body;
    expect(booking).toMatchObject({
      status: 'gate-failed',
      compliance: { attestationPassed: true, conflictCheckPassed: false, conflictReasons: [{ code: 'same-current-employer', detail: 'currently employed by org-acme' }] },
    });
    const events = await eventsOf('gate-emp', id);
    expect(events.map((e) => e.type)).toEqual(['InterviewRequested', 'InterviewAccepted', 'ExpertAttestationRecorded', 'ConflictCheckRecorded', 'ComplianceGateFailed']);
    expect(events[3]!.data).toMatchObject({ passed: false, checkedBy: 'matching', reasons: [{ code: 'same-current-employer' }] });

    // Nobody can confirm it afterwards: asking again changes nothing, the slot is free again.
    expect((await api.call(operator, 'POST', `/interviews/${id}/conflict-check`)).body).toMatchObject({ status: 409, code: 'INTERVIEW.GATE_FAILED' });
    expect((await eventsOf('gate-emp', id)).map((e) => e.type)).not.toContain('InterviewConfirmed');
    expect((await api.call(operator, 'GET', `/interviews?expertId=gate-emp&status=confirmed`)).body.items).toEqual([]);
  });

  it('another organisation booking the same expert is cleared and confirmed; the check is recorded once', async () => {
    const id = await agreed('org-other', 'gate-emp', inDays(6));
    const confirmed = await api.call(expert('gate-emp'), 'POST', `/interviews/${id}/attestation`, attestation);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', compliance: { attestationPassed: true, conflictCheckPassed: true, conflictReasons: [] } });
    // Asking again once it is recorded is a no-op answering the booking.
    const again = await api.call(buyer('org-other'), 'POST', `/interviews/${id}/conflict-check`);
    expect(again).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    expect((await eventsOf('gate-emp', id)).filter((e) => e.type === 'ConflictCheckRecorded')).toHaveLength(1);
  });

  it('the check runs only when due, and only for a party to the call', async () => {
    const id = await agreed('org-other', 'gate-free', inDays(7));
    // No attestation yet: no check is due.
    expect((await api.call(buyer('org-other'), 'POST', `/interviews/${id}/conflict-check`)).body).toMatchObject({ status: 409, code: 'INTERVIEW.CONFLICT_CHECK_NOT_DUE' });
    expect((await api.call(buyer('org-acme'), 'POST', `/interviews/${id}/conflict-check`)).status).toBe(404);
    expect((await eventsOf('gate-free', id)).map((e) => e.type)).toEqual(['InterviewRequested', 'InterviewAccepted']);
    // The old manual pass is gone: a body claiming `passed` is refused, nothing written.
    const claim = await api.call({ sub: 'svc', role: 'service' }, 'POST', `/interviews/${id}/conflict-check`, { passed: true });
    expect(claim).toMatchObject({ status: 400, body: { errors: [{ field: 'passed' }] } });
    expect((await eventsOf('gate-free', id)).map((e) => e.type)).toEqual(['InterviewRequested', 'InterviewAccepted']);
  });

  it('matching unreachable: 503 problem, the call stays unconfirmed and no check is recorded; read models rebuild equal', async () => {
    const id = await agreed('org-other', 'gate-free', inDays(8));
    // Matching goes down (its port closes); the platform must not stop it twice at the end.
    const running = platform.services.get('matching')!;
    await running.stop();
    (platform.services as Map<string, RunningService>).set('matching', { ...running, stop: async () => undefined });

    const answer = await api.call(expert('gate-free'), 'POST', `/interviews/${id}/attestation`, attestation);
    expect(answer.status).toBe(503);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ code: 'INTERVIEW.CONFLICT_CHECK_UNAVAILABLE', detail: expect.stringContaining('not confirmed') });
    const booking = (await api.call(buyer('org-other'), 'GET', `/interviews/${id}`)).body;
    expect(booking).toMatchObject({ status: 'accepted', compliance: { attestationPassed: true, conflictCheckPassed: null, conflictReasons: null } });
    expect((await eventsOf('gate-free', id)).map((e) => e.type)).toEqual(['InterviewRequested', 'InterviewAccepted', 'ExpertAttestationRecorded']);
    // Asking again while matching is down answers the same, still never cleared.
    expect((await api.call(buyer('org-other'), 'POST', `/interviews/${id}/conflict-check`)).body).toMatchObject({ status: 503, code: 'INTERVIEW.CONFLICT_CHECK_UNAVAILABLE' });
    expect((await api.call(buyer('org-other'), 'GET', `/interviews/${id}`)).body.status).toBe('accepted');

    await expectRebuildsEqualLive(platform);
  });
});
