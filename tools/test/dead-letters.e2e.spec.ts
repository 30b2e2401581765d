import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { createEventRegistry, EventRegistry, newEnvelope, ProbeSent, Topics, type EventDefinition } from '@hope/contracts';
import { toMessage } from '@hope/messaging';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { buildCli } from '../src/cli/hope';
import { eventually } from '../src/testing/eventually';

const services = [demandService, matchingService, consultingService, pointsService];

/** A deploy that knows ProbeSent v2 (a newer producer's payload): the "fix" for the dead letters below. */
function registryKnowingProbeSentV2(): EventRegistry {
  const base = createEventRegistry();
  const fixed = new EventRegistry();
  const v2: EventDefinition = { type: 'ProbeSent', version: 2, parse: ProbeSent.parse, upcasters: { 1: (d) => d } };
  for (const type of base.types()) fixed.register(type === 'ProbeSent' ? v2 : base.definition(type));
  return fixed;
}

/**
 * Nothing lost silently: a message a consumer cannot apply is recorded in that service's store, counted
 * (hope_dead_letters_total), listed at GET /ops/dead-letters, and replayed once its cause is fixed --
 * with its effect exactly once, however often it is replayed.
 */
describe('dead letters: visible, counted, recoverable', () => {
  jest.setTimeout(90_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let operator: string;
  const start = async (registry?: EventRegistry) => {
    platform = await startEmbeddedPlatform({ services, dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' }, ...(registry ? { registry } : {}) });
    operator = await platform.devIssuer.issue({ sub: 'sre', role: 'operator' });
  };
  const call = async (service: string, method: string, path: string) => {
    const r = await fetch(`${platform.services.get(service)!.url}${path}`, { method, headers: { authorization: `Bearer ${operator}` } });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-dlq-'));
    await start();
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const probeId = randomUUID();
  const poison = newEnvelope({ type: 'ProbeSent', version: 2, stream: `probe-${probeId}`, occurredAt: new Date(), data: { probeId, from: 'demand', sentAt: new Date().toISOString() } });

  it('a message of a version this deploy does not know is dead-lettered, recorded in each consuming service, and counted', async () => {
    await platform.bus.publish(Topics.demand, [toMessage(poison)]);
    for (const service of ['matching', 'consulting', 'points']) {
      await eventually(async () => {
        const list = await call(service, 'GET', '/ops/dead-letters?status=open');
        expect(list.body.items).toEqual([expect.objectContaining({ eventId: poison.id, eventType: 'ProbeSent', topic: Topics.demand, kind: 'non-retriable', status: 'open', error: expect.stringMatching(/v2 is not supported/) })]);
      });
    }
    const metrics = await (await fetch(`${platform.services.get('points')!.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`hope_dead_letters_total\\{[^}]*topic="${Topics.demand.replace(/\./g, '\\.')}"[^}]*type="ProbeSent"[^}]*\\} 1`));
  });

  it('replaying before the cause is fixed fails with the error (422), recorded on the letter, which stays open', async () => {
    const [letter] = (await call('points', 'GET', '/ops/dead-letters')).body.items as { letterId: string }[];
    const replay = await call('points', 'POST', `/ops/dead-letters/${letter!.letterId}/replay`);
    expect(replay.status).toBe(422);
    expect(replay.body).toMatchObject({ code: 'DEAD_LETTER.REPLAY_FAILED', detail: expect.stringMatching(/v2 is not supported/) });
    await eventually(async () => expect((await call('points', 'GET', '/ops/dead-letters')).body.items).toEqual([expect.objectContaining({ status: 'open', lastReplayError: expect.stringMatching(/v2 is not supported/) })]));
    expect((await call('points', 'GET', `/ops/probes/${probeId}`)).status).toBe(404);
  });

  it('after a deploy that knows the version, a replay applies it once; replaying again changes nothing', async () => {
    await platform.stop();
    await start(registryKnowingProbeSentV2());
    const [letter] = (await call('points', 'GET', '/ops/dead-letters')).body.items as { letterId: string }[];
    for (let i = 0; i < 3; i++) {
      const replay = await call('points', 'POST', `/ops/dead-letters/${letter!.letterId}/replay`);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ status: 'replayed' });
    }
    const receipts = (await call('points', 'GET', `/ops/probes/${probeId}`)).body.receipts as { sourceEventId: string }[];
    expect(receipts).toEqual([expect.objectContaining({ sourceEventId: poison.id })]);
    await eventually(async () => expect((await call('points', 'GET', '/ops/dead-letters?status=open')).body.items).toEqual([]));
    // The other services still hold theirs, open, until someone replays them there.
    expect((await call('matching', 'GET', '/ops/dead-letters?status=open')).body.items).toHaveLength(1);
  });

  it('hope dlq list / replay --all-open do the same through the ops endpoints', async () => {
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
    try {
      const url = platform.services.get('matching')!.url;
      await buildCli().exitOverride().parseAsync(['node', 'hope', 'dlq', 'list', '--url', url, '--token', operator, '--format', 'json']);
      expect(JSON.parse(out.join(''))).toEqual([expect.objectContaining({ eventId: poison.id, status: 'open' })]);
      expect(process.exitCode).toBe(1);
      out.length = 0;
      await buildCli().exitOverride().parseAsync(['node', 'hope', 'dlq', 'replay', '--all-open', '--url', url, '--token', operator]);
      expect(out.join('')).toMatch(/: replayed\n$/);
      process.exitCode = 0;
      out.length = 0;
      await buildCli().exitOverride().parseAsync(['node', 'hope', 'dlq', 'list', '--url', url, '--token', operator]);
      expect(out.join('')).toBe('no dead letters\n');
      expect(process.exitCode).toBe(0);
    } finally {
      write.mockRestore();
      process.exitCode = 0;
    }
  });

  it('refuses a malformed letter id (400), an unknown one (404) and a replay by a non-operator (403)', async () => {
    expect((await call('points', 'GET', '/ops/dead-letters/../../x')).status).toBe(404);
    expect((await call('points', 'GET', '/ops/dead-letters/not-a-uuid')).status).toBe(400);
    expect((await call('points', 'POST', `/ops/dead-letters/${randomUUID()}/replay`)).status).toBe(404);
    const analyst = await platform.devIssuer.issue({ sub: 'a', role: 'analyst' });
    const r = await fetch(`${platform.services.get('points')!.url}/ops/dead-letters/${randomUUID()}/replay`, { method: 'POST', headers: { authorization: `Bearer ${analyst}` } });
    expect(r.status).toBe(403);
  });
});
