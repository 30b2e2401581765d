import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { ManualClock, grantMemberships } from '@hope/platform/testing';
import { consultingService } from '../src/consulting.service';
import { client } from './http-client';
import { announce } from './known';
import { expectRebuildsEqualLive } from './read-models';

const host = { sub: 'exp-sh', role: 'expert' };
const buyer = (org: string) => ({ sub: `buyer-${org}`, role: 'enterprise', org });
const operator = { sub: 'ops', role: 'operator' };
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, from: '09:00', to: '12:00' }));

describe('availability, free slots and the .ics feed over HTTP', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-availability-'));
    // Monday 2030-03-04 00:00 UTC.
    platform = await startEmbeddedPlatform({ services: [consultingService], dataDir: dir, freePorts: true, clock: new ManualClock(new Date('2030-03-04T00:00:00Z')), env: { LOG_LEVEL: 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise callers are members.
    await grantMemberships(platform, [{ organisationId: 'org-a', subject: 'buyer-org-a' }, { organisationId: 'org-b', subject: 'buyer-org-b' }]);
    api = client(platform);
    // Consulting refuses experts it never heard of: their services announce them.
    await announce(platform, { experts: ['exp-sh', 'exp-other'] });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('only the expert (or an operator) publishes; a bad zone or time -> 400 naming the field, nothing written', async () => {
    expect((await api.call({ sub: 'exp-other', role: 'expert' }, 'PUT', '/experts/exp-sh/availability', { timeZone: 'Asia/Shanghai', weekly: weekdays })).status).toBe(403);
    const badZone = await api.call(host, 'PUT', '/experts/exp-sh/availability', { timeZone: 'Asia/Atlantis', weekly: weekdays });
    expect(badZone).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'timeZone' })] } });
    const badTime = await api.call(host, 'PUT', '/experts/exp-sh/availability', { timeZone: 'Asia/Shanghai', weekly: [{ day: 'mon', from: '9am', to: '12:00' }] });
    expect(badTime.status).toBe(400);
    expect(await collect(platform.stores.get('consulting')!.readStream('expert-calendar-exp-sh'))).toEqual([]);
    expect((await api.call(host, 'GET', '/experts/exp-sh/free-slots?from=2030-03-05T00:00:00Z&to=2030-03-06T00:00:00Z')).body.code).toBe('AVAILABILITY.NOT_PUBLISHED');
    // The answers the document names, checked against it by the harness (only the generic NOT_FOUND / AUTH.FORBIDDEN were documented).
    expect((await api.call(buyer('org-a'), 'GET', '/experts/exp-sh/availability')).body).toMatchObject({ status: 404, code: 'AVAILABILITY.NOT_PUBLISHED' });
    expect((await api.call({ sub: 'exp-other', role: 'expert' }, 'GET', '/experts/exp-sh/calendar.ics')).body).toMatchObject({ status: 403, code: 'CONSULTING.OTHER_TENANT' });
  });

  it("requests outside the expert's weekly slots are refused; free slots skip held calls and come in the asker's zone; the feed shows the call", async () => {
    const published = await api.call(host, 'PUT', '/experts/exp-sh/availability', { timeZone: 'Asia/Shanghai', weekly: weekdays, exceptions: [{ date: '2030-03-06', slots: [] }] });
    expect(published).toMatchObject({ status: 200, body: { timeZone: 'Asia/Shanghai', weekly: weekdays } });

    // 13:00 in Shanghai: outside; 09:00 Shanghai = 01:00Z: inside.
    const outside = await api.call(buyer('org-a'), 'POST', '/interviews', { expertId: 'exp-sh', topic: 't', durationMinutes: 60, slots: ['2030-03-05T13:00:00+08:00'] });
    expect(outside).toMatchObject({ status: 400, body: { code: 'INTERVIEW.OUTSIDE_AVAILABILITY', errors: [expect.objectContaining({ field: 'slots.0' })] } });
    const away = await api.call(buyer('org-a'), 'POST', '/interviews', { expertId: 'exp-sh', topic: 't', durationMinutes: 60, slots: ['2030-03-06T09:00:00+08:00'] });
    expect(away.body.code).toBe('INTERVIEW.OUTSIDE_AVAILABILITY');
    const booked = await api.call(buyer('org-a'), 'POST', '/interviews', { expertId: 'exp-sh', topic: 'Refrigerants; R-290, R-32\nand safety', durationMinutes: 60, slots: ['2030-03-05T09:00:00+08:00'] });
    expect(booked.status).toBe(201);
    await api.call(host, 'POST', `/interviews/${booked.body.interviewId}/acceptance`, { start: '2030-03-05T01:00:00Z' });

    const free = await api.call(buyer('org-b'), 'GET', `/experts/exp-sh/free-slots?from=${encodeURIComponent('2030-03-05T00:00:00+08:00')}&to=${encodeURIComponent('2030-03-07T00:00:00+08:00')}&durationMinutes=60&timeZone=Europe/Berlin`);
    expect(free.body).toMatchObject({ timeZone: 'Europe/Berlin', expertTimeZone: 'Asia/Shanghai', durationMinutes: 60 });
    // 10:00-12:00 Shanghai on Tuesday (09:00 is taken; Wednesday is an exception) = 03:00-05:00 in Berlin (UTC+1).
    expect(free.body.slots).toEqual([
      { start: '2030-03-05T03:00:00+01:00', end: '2030-03-05T04:00:00+01:00' },
      { start: '2030-03-05T03:30:00+01:00', end: '2030-03-05T04:30:00+01:00' },
      { start: '2030-03-05T04:00:00+01:00', end: '2030-03-05T05:00:00+01:00' },
    ]);
    expect((await api.call(buyer('org-b'), 'GET', '/experts/exp-sh/free-slots?from=2030-03-05T00:00:00Z&to=2030-06-05T00:00:00Z')).body.errors[0].field).toBe('to');

    const feed = async (who: { sub: string; role: string; org?: string }) => {
      const token = await platform.devIssuer.issue({ sub: who.sub, role: who.role as never, ...(who.org ? { org: who.org } : {}) });
      const r = await fetch(`${platform.services.get('consulting')!.url}/experts/exp-sh/calendar.ics`, { headers: { authorization: `Bearer ${token}` } });
      return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
    };
    const own = await feed(host);
    expect(own.type).toContain('text/calendar');
    expect(own.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(own.text).toContain(`UID:${booked.body.interviewId}@consulting.hope\r\n`);
    expect(own.text).toContain('DTSTART:20300305T010000Z\r\nDTEND:20300305T020000Z\r\n');
    expect(own.text).toContain('SUMMARY:Expert interview: Refrigerants\\; R-290\\, R-32\\nand safety\r\n');
    expect(own.text).toContain('STATUS:TENTATIVE');
    expect(own.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect((await feed(buyer('org-a'))).text).toContain('BEGIN:VEVENT');
    expect((await feed(buyer('org-b'))).text).not.toContain('BEGIN:VEVENT');
    expect((await feed(operator)).text).toContain('BEGIN:VEVENT');
    expect((await feed({ sub: 'exp-other', role: 'expert' })).status).toBe(403);
  });

  it('every read model rebuilt from position 0 equals the live one', async () => {
    await expectRebuildsEqualLive(platform);
  });
});
