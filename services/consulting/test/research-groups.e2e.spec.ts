import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Topics, decodeEnvelope, type EventEnvelope } from '@hope/contracts';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { consultingService } from '../src/consulting.service';
import { client } from './http-client';
import { announce } from './known';
import { expectRebuildsEqualLive } from './read-models';

const sponsor = { sub: 'buyer-a', role: 'enterprise', org: 'org-a' };
const lead = { sub: 'exp-lead', role: 'expert' };
const operator = { sub: 'ops', role: 'operator' };
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('virtual research groups over HTTP', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;
  /** What reached `hope.consulting.events` (through the relay), as a consumer of the topic reads it. */
  const published: EventEnvelope[] = [];
  let reader: { stop(): Promise<void> };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-groups-'));
    platform = await startEmbeddedPlatform({ services: [consultingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise callers are members.
    await grantMemberships(platform, [{ organisationId: 'org-a', subject: 'buyer-a' }, { organisationId: 'org-b', subject: 'buyer-b' }]);
    api = client(platform);
    // Consulting refuses experts and demands it never heard of: their services announce them.
    await announce(platform, { experts: ['exp-lead', 'exp-a', 'exp-b', 'exp-c', 'exp-d', 'exp-z', ...Array.from({ length: 12 }, (_, n) => `exp-${n}`)], demands: ['d-7'] });
    reader = await platform.bus.consume({ groupId: `test-${randomUUID()}`, topics: [Topics.consulting], handler: async (m) => void published.push(decodeEnvelope(m.value)) });
  });
  afterAll(async () => {
    await reader.stop();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('form -> members change -> milestones -> closing report; each party sees only its groups', async () => {
    const formed = await api.call(sponsor, 'POST', '/research-groups', { title: 'Low-GWP refrigerants', topic: 'R-290 retrofits', demandId: 'd-7', leadExpertId: 'exp-lead', memberIds: ['exp-a', 'exp-b'], startsAt: inDays(1), endsAt: inDays(90) });
    expect(formed.status).toBe(201);
    const id = formed.body.groupId as string;
    expect(formed.body).toMatchObject({ status: 'open', organisationId: 'org-a', demandId: 'd-7', members: expect.arrayContaining([expect.objectContaining({ expertId: 'exp-a', status: 'active' })]) });
    expect(formed.body.members).toHaveLength(3);
    // A demand's group would tie the demand to its sponsor: its members never see the sponsor (the seeker may be anonymous).
    const seenByMember = await api.call(lead, 'GET', `/research-groups/${id}`);
    expect(seenByMember.body).toMatchObject({ groupId: id, demandId: 'd-7' });
    expect(seenByMember.body).not.toHaveProperty('organisationId');
    expect((await api.call(lead, 'GET', '/research-groups')).body.items).toEqual([expect.not.objectContaining({ organisationId: expect.anything() })]);

    expect((await api.call(lead, 'POST', `/research-groups/${id}/members`, { expertId: 'exp-c' })).body.members).toHaveLength(4);
    const left = await api.call({ sub: 'exp-b', role: 'expert' }, 'DELETE', `/research-groups/${id}/members/exp-b`);
    expect(left.body.members).toContainEqual(expect.objectContaining({ expertId: 'exp-b', status: 'left' }));
    expect((await api.call(sponsor, 'DELETE', `/research-groups/${id}/members/exp-lead`)).body).toMatchObject({ status: 409, code: 'RESEARCH_GROUP.LEAD_STAYS' });
    expect((await api.call({ sub: 'exp-a', role: 'expert' }, 'POST', `/research-groups/${id}/members`, { expertId: 'exp-z' })).status).toBe(403);

    const m1 = (await api.call(lead, 'POST', `/research-groups/${id}/milestones`, { title: 'Literature review', dueAt: inDays(30) })).body.milestoneId as string;
    const m2 = (await api.call(sponsor, 'POST', `/research-groups/${id}/milestones`, { title: 'Field test', dueAt: inDays(80) })).body.milestoneId as string;
    expect((await api.call(lead, 'POST', `/research-groups/${id}/milestones`, { title: 'Too late', dueAt: inDays(200) })).body.errors[0].field).toBe('dueAt');
    expect((await api.call(lead, 'POST', `/research-groups/${id}/milestones/${m1}/reached`, { note: 'done' })).body.milestones[0]).toMatchObject({ milestoneId: m1, note: 'done' });

    const closed = await api.call(lead, 'POST', `/research-groups/${id}/closure`, { summary: 'Retrofits are viable below 3 kg charge.', findings: ['charge limit', 'training'] });
    expect(closed.body).toMatchObject({ status: 'closed', closingReport: { summary: 'Retrofits are viable below 3 kg charge.', findings: ['charge limit', 'training'], missedMilestones: [m2] } });
    expect((await api.call(lead, 'POST', `/research-groups/${id}/members`, { expertId: 'exp-d' })).body.code).toBe('RESEARCH_GROUP.CLOSED');

    // Every change reached the topic as its integration event, in order, keyed by the group's stream.
    const ofGroup = async () => {
      for (let n = 0; n < 200 && !published.some((e) => e.type === 'ResearchGroupClosed' && (e.data as { groupId: string }).groupId === id); n++) await new Promise((r) => setTimeout(r, 25));
      return published.filter((e) => (e.data as { groupId?: string }).groupId === id);
    };
    const events = await ofGroup();
    expect(events.map((e) => e.type)).toEqual([
      'ResearchGroupFormed',
      'ResearchGroupMemberJoined',
      'ResearchGroupMemberJoined',
      'ResearchGroupMemberJoined',
      'ResearchGroupMemberJoined',
      'ResearchGroupMemberLeft',
      'ResearchGroupMilestoneReached',
      'ResearchGroupClosed',
    ]);
    expect(new Set(events.map((e) => e.stream))).toEqual(new Set([`research-group-${id}`]));
    expect(events[0]!.data).toMatchObject({ groupId: id, organisationId: 'org-a', leadExpertId: 'exp-lead', demandId: 'd-7', title: 'Low-GWP refrigerants' });
    expect(events.slice(1, 5).map((e) => (e.data as { expertId: string }).expertId).sort()).toEqual(['exp-a', 'exp-b', 'exp-c', 'exp-lead']);
    expect(events[5]!.data).toMatchObject({ expertId: 'exp-b' });
    expect(events[6]!.data).toMatchObject({ milestoneId: m1 });
    expect(events[7]!.data).toEqual({ groupId: id, summary: 'Retrofits are viable below 3 kg charge.', missedMilestoneIds: [m2], closedAt: expect.any(String) });

    // Tenancy: another enterprise and a non-member expert do not see it; a past member still does.
    expect((await api.call({ sub: 'buyer-b', role: 'enterprise', org: 'org-b' }, 'GET', `/research-groups/${id}`)).status).toBe(404);
    expect((await api.call({ sub: 'buyer-b', role: 'enterprise', org: 'org-b' }, 'GET', '/research-groups')).body.items).toEqual([]);
    expect((await api.call({ sub: 'exp-z', role: 'expert' }, 'GET', `/research-groups/${id}`)).status).toBe(404);
    expect((await api.call({ sub: 'exp-b', role: 'expert' }, 'GET', '/research-groups')).body.items.map((g: { groupId: string }) => g.groupId)).toEqual([id]);
    expect((await api.call(operator, 'GET', '/research-groups')).body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('bad input -> 400 naming the field, nothing written; an enterprise cannot sponsor for another organisation', async () => {
    const before = (await collect(platform.stores.get('consulting')!.readAll())).length;
    const r = await api.call(sponsor, 'POST', '/research-groups', { title: '', topic: 't', leadExpertId: 'exp-lead', startsAt: inDays(5), endsAt: inDays(2) });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('title');
    const backwards = await api.call(sponsor, 'POST', '/research-groups', { title: 'x', topic: 't', leadExpertId: 'exp-lead', startsAt: inDays(5), endsAt: inDays(2) });
    expect(backwards.body.errors[0].field).toBe('endsAt');
    expect((await api.call(operator, 'POST', '/research-groups', { title: 'x', topic: 't', leadExpertId: 'exp-lead', startsAt: inDays(1), endsAt: inDays(2) })).body.errors[0].field).toBe('organisationId');
    const tooMany = await api.call(sponsor, 'POST', '/research-groups', { title: 'x', topic: 't', leadExpertId: 'exp-lead', memberIds: Array.from({ length: 12 }, (_, n) => `exp-${n}`), startsAt: inDays(1), endsAt: inDays(2) });
    expect(tooMany.body.errors[0].field).toBe('memberIds');
    const forOther = await api.call(sponsor, 'POST', '/research-groups', { title: 'x', topic: 't', organisationId: 'org-b', leadExpertId: 'exp-lead', startsAt: inDays(1), endsAt: inDays(2) });
    expect({ status: forOther.status, code: forOther.body.code }).toEqual({ status: 403, code: 'CONSULTING.OTHER_TENANT' });
    expect((await collect(platform.stores.get('consulting')!.readAll())).length).toBe(before);
  });

  it('every read model rebuilt from position 0 equals the live one', async () => {
    await expectRebuildsEqualLive(platform);
  });
});
