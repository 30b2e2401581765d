import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { consultingService } from '../src/consulting.service';
import { announce } from './known';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const ALL_WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => ({ day, from: '00:00', to: '24:00' }));

/** Every event a write request causes carries the request's x-correlation-id (what SREs follow across services). */
describe('correlation ids over HTTP (embedded mode)', () => {
  jest.setTimeout(90_000);
  let dir: string;
  let platform: EmbeddedPlatform;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-correlation-'));
    platform = await startEmbeddedPlatform({ services: [consultingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    // Consulting refuses experts it never heard of: matching announces them.
    await announce(platform, { experts: ['exp-corr', 'exp-2'] });
    // Tenancy rests on membership demand publishes; this test's enterprise callers are members.
    await grantMemberships(platform, [{ organisationId: 'org-corr', subject: 'u-corr' }]);
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = async (as: { sub: string; role: string; org?: string }, method: string, path: string, correlationId: string, body: unknown) => {
    const token = await platform.devIssuer.issue({ sub: as.sub, role: as.role as never, ...(as.org ? { org: as.org } : {}) });
    const r = await fetch(`${platform.services.get('consulting')!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify(body),
    });
    expect(r.status).toBeLessThan(300);
    return (await r.json()) as Record<string, unknown>;
  };
  const correlationsOf = async (stream: string) => (await collect(platform.stores.get('consulting')!.readStream(stream))).map((e) => ({ type: e.type, correlationId: e.metadata.correlationId }));

  it("an expert's calendar: availability, request and acceptance each carry their request's correlation id", async () => {
    const expert = { sub: 'exp-corr', role: 'expert' };
    const buyer = { sub: 'u-corr', role: 'enterprise', org: 'org-corr' };
    await send(expert, 'PUT', '/experts/exp-corr/availability', 'corr-availability', { timeZone: 'UTC', weekly: ALL_WEEK });
    const start = inDays(3);
    const requested = await send(buyer, 'POST', '/interviews', 'corr-request', { expertId: 'exp-corr', topic: 'noise', durationMinutes: 30, slots: [start] });
    await send(expert, 'POST', `/interviews/${String(requested.interviewId)}/acceptance`, 'corr-accept', { start });
    expect(await correlationsOf('expert-calendar-exp-corr')).toEqual([
      { type: 'AvailabilityPublished', correlationId: 'corr-availability' },
      { type: 'InterviewRequested', correlationId: 'corr-request' },
      { type: 'InterviewAccepted', correlationId: 'corr-accept' },
    ]);
  });

  it('a meeting: scheduling and a registration carry their correlation ids', async () => {
    const meeting = await send({ sub: 'ops', role: 'operator' }, 'POST', '/meetings', 'corr-schedule', { kind: 'exchange-meeting', title: 'Kitchens', startsAt: inDays(7), endsAt: inDays(7.1), online: true, seats: 5 });
    await send({ sub: 'exp-corr', role: 'expert' }, 'POST', `/meetings/${String(meeting.meetingId)}/registrations`, 'corr-register', {});
    expect(await correlationsOf(`meeting-${String(meeting.meetingId)}`)).toEqual([
      { type: 'MeetingScheduled', correlationId: 'corr-schedule' },
      { type: 'SeatTaken', correlationId: 'corr-register' },
    ]);
  });

  it('a research group: forming (several events) and planning a milestone carry their correlation ids', async () => {
    const sponsor = { sub: 'u-corr', role: 'enterprise', org: 'org-corr' };
    const group = await send(sponsor, 'POST', '/research-groups', 'corr-form', { title: 'Quiet', topic: 'noise', leadExpertId: 'exp-corr', memberIds: ['exp-2'], startsAt: inDays(1), endsAt: inDays(60) });
    await send(sponsor, 'POST', `/research-groups/${String(group.groupId)}/milestones`, 'corr-milestone', { title: 'First', dueAt: inDays(30) });
    expect(await correlationsOf(`research-group-${String(group.groupId)}`)).toEqual([
      { type: 'ResearchGroupFormed', correlationId: 'corr-form' },
      { type: 'ResearchGroupMemberJoined', correlationId: 'corr-form' },
      { type: 'ResearchGroupMemberJoined', correlationId: 'corr-form' },
      { type: 'MilestonePlanned', correlationId: 'corr-milestone' },
    ]);
  });
});
