import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { consultingService } from '@hope/consulting';
import { matchingService } from '@hope/matching';
import { decodeEnvelope, newEnvelope, Topics, type EventEnvelope, type MeetingWaitListPromotedV1 } from '@hope/contracts';
import { collect } from '@hope/eventstore/testing';
import { toMessage } from '@hope/messaging';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { eventually } from '../src/testing/eventually';

type Who = { sub: string; role: 'expert' | 'operator' };
const operator: Who = { sub: 'ops', role: 'operator' };
const expert = (sub: string): Who => ({ sub, role: 'expert' });
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/**
 * Consulting promotes a wait-listed expert to a freed seat; the published MeetingWaitListPromoted reaches
 * matching, which puts it in the expert's inbox: over HTTP and the in-process bus, both services embedded.
 */
describe('meeting promotions reach the expert inbox (consulting -> bus -> matching)', () => {
  jest.setTimeout(90_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  const promotions: EventEnvelope<MeetingWaitListPromotedV1>[] = [];
  let reader: { stop(): Promise<void> };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-meeting-promotion-'));
    platform = await startEmbeddedPlatform({ services: [consultingService, matchingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    reader = await platform.bus.consume({
      groupId: `test-${randomUUID()}`,
      topics: [Topics.consulting],
      handler: async (m) => {
        const e = decodeEnvelope(m.value);
        if (e.type === 'MeetingWaitListPromoted') promotions.push(e as EventEnvelope<MeetingWaitListPromotedV1>);
      },
    });
  });
  afterAll(async () => {
    await reader.stop();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (service: string, who: Who, method: string, path: string, body?: unknown) => {
    const token = await platform.devIssuer.issue(who);
    const r = await fetch(`${platform.services.get(service)!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked with matchers
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const inbox = async (who: Who) => (await call('matching', who, 'GET', '/me/inbox')).body;

  it('wait-listed, a seat frees, the promotion is in the inbox; read state works; a redelivered event makes one item', async () => {
    const startsAt = inDays(7);
    const scheduled = await call('consulting', operator, 'POST', '/meetings', { kind: 'exchange-meeting', title: 'Compressor noise exchange', startsAt, endsAt: inDays(7.2), online: true, seats: 1 });
    expect(scheduled.status).toBe(201);
    const meetingId = scheduled.body.meetingId as string;
    expect((await call('consulting', expert('holder'), 'POST', `/meetings/${meetingId}/registrations`, {})).status).toBe(201);
    expect((await call('consulting', expert('waiter'), 'POST', `/meetings/${meetingId}/registrations`, {})).body).toMatchObject({ status: 'waiting' });
    expect((await inbox(expert('waiter'))).items).toEqual([]);

    // The seat frees: the waiter holds it now, and is told.
    expect((await call('consulting', expert('holder'), 'DELETE', `/meetings/${meetingId}/registrations/mine`)).status).toBe(200);
    const page = await eventually(async () => {
      const p = await inbox(expert('waiter'));
      expect(p.items).toHaveLength(1);
      return p;
    });
    expect(page.items[0]).toMatchObject({ kind: 'meeting-promotion', detail: { meetingId, meetingKind: 'exchange-meeting', title: 'Compressor noise exchange', startsAt: new Date(startsAt).toISOString() } });
    expect(page.unread).toBe(1);
    // Only the promoted expert's inbox has it.
    expect((await inbox(expert('holder'))).items).toEqual([]);

    const itemId = page.items[0].id as string;
    expect((await call('matching', expert('holder'), 'POST', `/me/inbox/${itemId}/read`)).status).toBe(404);
    const read = await call('matching', expert('waiter'), 'POST', `/me/inbox/${itemId}/read`);
    expect(read).toMatchObject({ status: 200, body: { id: itemId, kind: 'meeting-promotion', readAt: expect.any(String) } });
    expect((await inbox(expert('waiter'))).unread).toBe(0);

    // The bus delivers at least once: the same event again, then a marker on the same key (so handled after it).
    await eventually(() => expect(promotions).toHaveLength(1));
    const published = promotions[0]!;
    const marker = newEnvelope({ type: 'MeetingWaitListPromoted', version: 1, stream: published.stream, occurredAt: new Date(), data: { ...published.data, expertId: 'marker' } });
    await platform.bus.publish(Topics.consulting, [toMessage(published), toMessage(marker)]);
    await eventually(async () => expect((await inbox(expert('marker'))).items).toHaveLength(1));
    const after = await inbox(expert('waiter'));
    expect(after.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    expect(after.unread).toBe(0);
    const recorded = await collect(platform.stores.get('matching')!.readStream('inbox-waiter'));
    expect(recorded.filter((e) => e.type === 'MeetingPromotionReceived')).toHaveLength(1);
  });
});
