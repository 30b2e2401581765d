import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@hope/eventstore/testing';
import { matchingService } from '@hope/matching';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { consultingService } from '../src/consulting.service';
import { client } from './http-client';
import { announce, joinExpert } from './known';

const inDays = (days: number, hour = 9) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
const buyer = (org = 'org-a') => ({ sub: `buyer-${org}`, role: 'enterprise', org });
const expert = { sub: 'exp-1', role: 'expert' };
const operator = { sub: 'ops', role: 'operator' };

describe('interviews over HTTP (embedded mode)', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-'));
    // Matching runs beside consulting: the compliance gate asks it for its conflict check.
    platform = await startEmbeddedPlatform({ services: [consultingService, matchingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise callers are members.
    await grantMemberships(platform, ['org-a', 'org-b', ...Array.from({ length: 50 }, (_, n) => `org-${n}`)].map((org) => ({ organisationId: org, subject: `buyer-${org}` })));
    api = client(platform);
    // Consulting refuses experts it never heard of: their services announce them.
    await announce(platform, { experts: ['exp-1', 'exp-2', 'exp-3', 'exp-9', 'exp-busy'] });
    await joinExpert(platform, expert.sub, { name: 'Expert One' });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const calendar = async (expertId: string) => (await collect(platform.stores.get('consulting')!.readStream(`expert-calendar-${expertId}`))).map((e) => e.type);
  const request = (as = buyer(), expertId = 'exp-1', slots = [inDays(10)]) => api.call(as, 'POST', '/interviews', { expertId, topic: 'refrigerant leaks', durationMinutes: 60, slots });

  it('request -> accept -> attestation -> matching clears: confirmed, and each side sees only its own bookings (through the generated client)', async () => {
    const asBuyer = api.typed(buyer());
    const asOtherBuyer = api.typed(buyer('org-b'));
    const asExpert = api.typed(expert);
    const created = await asBuyer.POST('/interviews', { body: { expertId: 'exp-1', topic: 'refrigerant leaks', durationMinutes: 60, slots: [inDays(5), inDays(6)] } });
    expect(created.response.status).toBe(201);
    const id = created.data!.interviewId;
    expect(created.data).toMatchObject({ status: 'requested', expertId: 'exp-1', organisationId: 'org-a', proposedSlots: [inDays(5), inDays(6)] });
    const interview = { params: { path: { interviewId: id } } };

    expect((await asExpert.POST('/interviews/{interviewId}/acceptance', { ...interview, body: { start: inDays(6) } })).data).toMatchObject({ status: 'accepted', slot: { start: inDays(6) } });
    // The attestation completes the gate's part the expert owns; consulting then asks matching, which clears exp-1 for org-a.
    const confirmed = await asExpert.POST('/interviews/{interviewId}/attestation', { ...interview, body: { noConfidentialInformation: true, noConflictOfInterest: true } });
    expect(confirmed.data).toMatchObject({ status: 'confirmed', compliance: { attestationPassed: true, conflictCheckPassed: true, conflictReasons: [] } });

    expect((await asBuyer.GET('/interviews/{interviewId}', interview)).response.status).toBe(200);
    const stranger = await asOtherBuyer.GET('/interviews/{interviewId}', interview);
    expect([stranger.response.status, stranger.error?.code]).toEqual([404, 'INTERVIEW.NOT_FOUND']);
    expect((await api.typed({ sub: 'exp-2', role: 'expert' }).GET('/interviews/{interviewId}', interview)).response.status).toBe(404);
    expect((await asOtherBuyer.GET('/interviews', { params: { query: {} } })).data?.items).toEqual([]);
    expect((await asOtherBuyer.GET('/interviews', { params: { query: { organisationId: 'org-a' } } })).response.status).toBe(403);
    expect((await asExpert.GET('/interviews', { params: { query: { status: 'confirmed' } } })).data?.items.map((b) => b.interviewId)).toContain(id);
    expect((await api.typed(operator).GET('/interviews', { params: { query: { organisationId: 'org-a', status: 'confirmed' } } })).data?.items).toHaveLength(1);
    // A stranger cannot act on it, and learns no more than from reading it: the same 404 as an unknown id.
    expect((await asOtherBuyer.POST('/interviews/{interviewId}/cancellation', { ...interview, body: { reason: 'x' } })).response.status).toBe(404);
  });

  it('bad input -> 400 problem+json naming the field, nothing written', async () => {
    for (const [body, field] of [
      [{ expertId: 'exp-9', topic: 't', durationMinutes: 20, slots: [inDays(3)] }, 'durationMinutes'],
      [{ expertId: 'exp-9', topic: 't', durationMinutes: 60, slots: [inDays(3), inDays(4), inDays(5), inDays(6)] }, 'slots'],
      [{ expertId: 'exp-9', topic: 't', durationMinutes: 60, slots: ['tomorrow'] }, 'slots'],
      [{ expertId: 'exp-9', topic: 't', durationMinutes: 60, slots: [inDays(-3)] }, 'slots.0'],
      [{ expertId: 'exp-9', topic: 't', durationMinutes: 60, slots: [inDays(3)], price: 1 }, 'price'],
    ] as const) {
      const r = await api.call(buyer(), 'POST', '/interviews', body);
      expect(r.status).toBe(400);
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await calendar('exp-9')).toEqual([]);
    expect((await api.call(expert, 'POST', '/interviews', { expertId: 'exp-9', topic: 't', durationMinutes: 60, slots: [inDays(3)] })).status).toBe(403);
  });

  it('50 concurrent bookings of one slot: exactly one succeeds, the other 49 get a clear 409', async () => {
    const slot = inDays(20, 14);
    const ids: string[] = [];
    for (let n = 0; n < 50; n++) ids.push((await request(buyer(`org-${n}`), 'exp-busy', [slot])).body.interviewId);
    const answers = await Promise.all(ids.map((id) => api.call({ sub: 'exp-busy', role: 'expert' }, 'POST', `/interviews/${id}/acceptance`, { start: slot })));
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 409);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(r).toMatchObject({ contentType: expect.stringContaining('application/problem+json'), body: { code: 'INTERVIEW.SLOT_TAKEN', status: 409 } });
    expect((await calendar('exp-busy')).filter((t) => t === 'InterviewAccepted')).toHaveLength(1);
    const held = await api.call(operator, 'GET', '/interviews?expertId=exp-busy&status=accepted');
    expect(held.body.items).toHaveLength(1);
  });

  it('cancelling a confirmed call frees the slot for another booking; the policy sets the refund', async () => {
    const slot = inDays(30);
    const first = (await request(buyer(), 'exp-3', [slot])).body.interviewId;
    const second = (await request(buyer('org-b'), 'exp-3', [slot])).body.interviewId;
    const exp3 = { sub: 'exp-3', role: 'expert' };
    await api.call(exp3, 'POST', `/interviews/${first}/acceptance`, { start: slot });
    expect((await api.call(exp3, 'POST', `/interviews/${second}/acceptance`, { start: slot })).status).toBe(409);
    const cancelled = await api.call(buyer(), 'POST', `/interviews/${first}/cancellation`, { reason: 'project paused' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundPercent: 100 });
    expect((await api.call(exp3, 'POST', `/interviews/${second}/acceptance`, { start: slot })).status).toBe(200);
  });
});
