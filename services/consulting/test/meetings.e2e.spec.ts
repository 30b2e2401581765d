import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { consultingService } from '../src/consulting.service';
import { client } from './http-client';
import { expectRebuildsEqualLive } from './read-models';

const operator = { sub: 'ops', role: 'operator' };
const expert = (n: number) => ({ sub: `exp-${n}`, role: 'expert' });
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('meetings over HTTP (embedded mode)', () => {
  jest.setTimeout(90_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-meetings-'));
    platform = await startEmbeddedPlatform({ services: [consultingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    api = client(platform);
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const schedule = async (seats: number) => {
    const r = await api.call(operator, 'POST', '/meetings', { kind: 'matchmaking-meeting', title: 'Qingdao matchmaking', startsAt: inDays(7), endsAt: inDays(7.2), online: true, seats });
    expect(r.status).toBe(201);
    return r.body.meetingId as string;
  };

  it('200 concurrent registrations for a 100-seat meeting: exactly 100 seated, 100 waiting', async () => {
    const id = await schedule(100);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, n) => api.call(expert(n), 'POST', `/meetings/${id}/registrations`, {})));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(100);
    expect(answers.filter((a) => a.status === 202 && a.body.status === 'waiting')).toHaveLength(100);
    const events = await collect(platform.stores.get('consulting')!.readStream(`meeting-${id}`));
    expect(events.filter((e) => e.type === 'SeatTaken')).toHaveLength(100);
    expect((await api.call(operator, 'GET', `/meetings/${id}`)).body).toMatchObject({ seats: 100, seatsTaken: 100, freeSeats: 0, waiting: 100 });
  });

  it('a freed seat promotes the first on the waiting list; full meetings drop out of the free-seat list', async () => {
    const id = await schedule(1);
    expect((await api.call(expert(1), 'POST', `/meetings/${id}/registrations`, {})).status).toBe(201);
    expect((await api.call(expert(2), 'POST', `/meetings/${id}/registrations`, {})).status).toBe(202);
    expect((await api.call(expert(3), 'POST', `/meetings/${id}/registrations`, { joinWaitingList: false })).body).toMatchObject({ status: 409, code: 'MEETING.FULL' });
    expect((await api.call(expert(9), 'GET', '/meetings?withFreeSeats=true')).body.items.map((m: { meetingId: string }) => m.meetingId)).not.toContain(id);

    expect((await api.call(expert(1), 'DELETE', `/meetings/${id}/registrations/mine`)).body).toMatchObject({ seatsTaken: 1, waiting: 0 });
    const regs = await api.call(operator, 'GET', `/meetings/${id}/registrations`);
    expect(regs.body.items).toEqual([{ participantId: 'exp-2', role: 'expert', status: 'seated', attended: false }]);
  });

  it('every meeting operation answers its documented problems: an unknown meeting, no registration, no seat, not started (each checked against the published contract)', async () => {
    const unknown = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const problem = async (who: { sub: string; role: string }, method: string, path: string, body?: unknown) => {
      const a = await api.call(who, method, path, body);
      return [a.status, a.body.code];
    };
    expect(await problem(operator, 'GET', `/meetings/${unknown}`)).toEqual([404, 'MEETING.NOT_FOUND']);
    expect(await problem(operator, 'GET', `/meetings/${unknown}/registrations`)).toEqual([404, 'MEETING.NOT_FOUND']);
    expect(await problem(expert(1), 'DELETE', `/meetings/${unknown}/registrations/mine`)).toEqual([404, 'MEETING.NOT_FOUND']);
    expect(await problem(operator, 'POST', `/meetings/${unknown}/attendance`, { participantId: 'exp-1' })).toEqual([404, 'MEETING.NOT_FOUND']);
    const id = await schedule(2);
    expect(await problem(expert(1), 'DELETE', `/meetings/${id}/registrations/mine`)).toEqual([409, 'MEETING.NOT_REGISTERED']);
    expect(await problem(operator, 'POST', `/meetings/${id}/attendance`, { participantId: 'exp-1' })).toEqual([409, 'MEETING.NO_SEAT']);
    expect((await api.call(expert(1), 'POST', `/meetings/${id}/registrations`, {})).status).toBe(201);
    expect(await problem(operator, 'POST', `/meetings/${id}/attendance`, { participantId: 'exp-1' })).toEqual([409, 'MEETING.NOT_STARTED']);
  });

  it('bad input -> 400 naming the field, nothing written', async () => {
    const r = await api.call(operator, 'POST', '/meetings', { kind: 'party', title: 'x', startsAt: inDays(1), endsAt: inDays(2), online: true, seats: 0 });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'seats']);
    const before = (await api.call(operator, 'GET', '/meetings')).body.items.length;
    const past = await api.call(operator, 'POST', '/meetings', { kind: 'technical-seminar', title: 'x', startsAt: inDays(-1), endsAt: inDays(2), online: true, seats: 5 });
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'startsAt' })]);
    expect((await api.call(operator, 'GET', '/meetings')).body.items.length).toBe(before);
  });

  it('every read model rebuilt from position 0 equals the live one', async () => {
    await expectRebuildsEqualLive(platform);
  });
});
