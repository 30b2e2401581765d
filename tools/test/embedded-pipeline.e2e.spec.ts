import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { deadLetterTopic, newEnvelope, Topics } from '@hope/contracts';
import { collect } from '@hope/eventstore/testing';
import { publishMarkedIntegrationEvents, toMessage, type IncomingMessage } from '@hope/messaging';
import { runWithCorrelation, SERVICE_CLIENT, ServiceUnavailableError, startEmbeddedPlatform, type EmbeddedPlatform, type ServiceClient } from '@hope/platform';
import { eventually } from '../src/testing/eventually';

const services = [demandService, matchingService, consultingService, pointsService];

/**
 * Embedded mode end to end: a request appends to the demand store; the relay publishes; the other
 * services' @EventPattern handlers record it in their own stores, over HTTP and the in-process bus.
 */
describe('embedded pipeline: store -> relay -> bus -> @EventPattern, exactly once in effect', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let token: string;

  const start = async () => {
    platform = await startEmbeddedPlatform({ services, dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    token = await platform.devIssuer.issue({ sub: 'e2e-operator', role: 'operator' });
  };
  const url = (service: string) => platform.services.get(service)!.url;
  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  const sendProbe = async (from = 'demand'): Promise<string> => {
    const r = await fetch(`${url(from)}/ops/probes`, { method: 'POST', headers: auth(), body: '{}' });
    expect(r.status).toBe(202);
    return ((await r.json()) as { probeId: string }).probeId;
  };
  const receipts = async (service: string, probeId: string) => {
    const r = await fetch(`${url(service)}/ops/probes/${probeId}`, { headers: auth() });
    if (r.status === 404) return [];
    return ((await r.json()) as { receipts: { from: string; sourceEventId: string }[] }).receipts;
  };
  const receivedEverywhere = (probeId: string, from = 'demand') =>
    eventually(async () => {
      for (const s of services.map((d) => d.name).filter((n) => n !== from)) expect(await receipts(s, probeId)).toHaveLength(1);
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-embedded-'));
    await start();
  });
  afterEach(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a probe sent to demand is recorded once by each of the other three services, and not by demand', async () => {
    const probeId = await sendProbe();
    await receivedEverywhere(probeId);
    const own = await fetch(`${url('demand')}/ops/probes/${probeId}`, { headers: auth() });
    expect(await own.json()).toMatchObject({ service: 'demand', sent: { from: 'demand' }, receipts: [] });
  });

  it('every event delivered three more times still has one effect (deterministic ids, not an in-memory set)', async () => {
    const probeId = await sendProbe();
    await receivedEverywhere(probeId);
    const [recorded] = await collect(platform.stores.get('demand')!.readStream(`probe-${probeId}`));
    const envelope = publishMarkedIntegrationEvents(recorded!)!;
    await platform.bus.publish(Topics.demand, [toMessage(envelope), toMessage(envelope), toMessage(envelope)]);
    // A marker with the same key comes after the duplicates on their partition: once it is handled,
    // so are they.
    const markerId = randomUUID();
    const marker = newEnvelope({ type: 'ProbeSent', version: 1, stream: envelope.stream, occurredAt: new Date(), data: { probeId: markerId, from: 'demand', sentAt: new Date().toISOString() } });
    await platform.bus.publish(Topics.demand, [toMessage(marker)]);
    await receivedEverywhere(markerId);
    for (const s of ['matching', 'consulting', 'points']) expect(await receipts(s, probeId)).toEqual([expect.objectContaining({ sourceEventId: envelope.id })]);
  });

  it('a poison message goes to the dead-letter topic and the pipeline keeps flowing', async () => {
    const dead: IncomingMessage[] = [];
    await platform.bus.ensureTopics([deadLetterTopic(Topics.demand)]);
    const reader = await platform.bus.consume({ groupId: `dlq-${randomUUID()}`, topics: [deadLetterTopic(Topics.demand)], handler: async (m) => void dead.push(m) });
    await platform.bus.publish(Topics.demand, [{ key: 'probe-poison', value: '{"this is": "not an envelope"}' }]);
    const probeId = await sendProbe();
    await receivedEverywhere(probeId);
    await eventually(() => expect(dead.length).toBeGreaterThanOrEqual(3)); // one per consuming service
    expect(new Set(dead.map((m) => m.headers['hope-error']))).toEqual(new Set([expect.stringMatching(/Not an event envelope/)]));
    await reader.stop();
  });

  it('survives a restart mid-stream: what was sent before and after is each recorded exactly once', async () => {
    const before = await Promise.all(Array.from({ length: 10 }, () => sendProbe()));
    await platform.stop();
    await start();
    const after = await Promise.all(Array.from({ length: 5 }, () => sendProbe('points')));
    for (const p of before) await receivedEverywhere(p);
    for (const p of after) await receivedEverywhere(p, 'points');
  });

  it('answers 401 without a token, 403 for a role that may not send probes, and 400 problem+json for bad input', async () => {
    expect((await fetch(`${url('demand')}/ops/probes`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const expert = await platform.devIssuer.issue({ sub: 'x', role: 'expert' });
    expect((await fetch(`${url('demand')}/ops/probes`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${expert}`, 'content-type': 'application/json' } })).status).toBe(403);
    const bad = await fetch(`${url('demand')}/ops/probes`, { method: 'POST', headers: auth(), body: JSON.stringify({ note: 'x'.repeat(201), extra: true }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['extra', 'note']);
    expect((await fetch(`${url('points')}/ops/probes/not-a-uuid`, { headers: auth() })).status).toBe(400);
    expect((await fetch(`${url('points')}/ops/probes/${randomUUID()}`, { headers: auth() })).status).toBe(404);
  });

  it('an Idempotency-Key retry of a probe returns the first answer and sends nothing twice', async () => {
    const key = randomUUID();
    const first = await fetch(`${url('demand')}/ops/probes`, { method: 'POST', headers: { ...auth(), 'idempotency-key': key }, body: '{}' });
    const retry = await fetch(`${url('demand')}/ops/probes`, { method: 'POST', headers: { ...auth(), 'idempotency-key': key }, body: '{}' });
    expect(retry.status).toBe(first.status);
    expect(await retry.json()).toEqual(await first.json());
    const sent = (await collect(platform.stores.get('demand')!.readAll({ filter: { eventTypes: ['ProbeSent'] } }))).length;
    expect(sent).toBe(1);
  });

  it('serves /health, /metrics and /docs on every service', async () => {
    for (const s of services) {
      expect((await fetch(`${url(s.name)}/health/live`)).status).toBe(200);
      expect((await fetch(`${url(s.name)}/health/ready`)).status).toBe(200);
      expect(await (await fetch(`${url(s.name)}/metrics`)).text()).toMatch(/hope_relay_lag_events\{service="/);
      const doc = (await (await fetch(`${url(s.name)}/docs-json`)).json()) as { info: { title: string }; paths: Record<string, unknown> };
      expect(doc.info.title).toBe(`HOPE ${s.name}`);
      expect(Object.keys(doc.paths)).toContain('/ops/probes');
    }
  });
});

describe('embedded: projections ops (list, rebuild beside the live one)', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let operator: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-embedded-ops-'));
    platform = await startEmbeddedPlatform({ services: [demandService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    operator = await platform.devIssuer.issue({ sub: 'op', role: 'operator' });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = (s: string) => platform.services.get(s)!.url;
  const call = (s: string, path: string, token: string, method = 'GET') => fetch(`${url(s)}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

  it('lists received probes from the probe-receipts projection, and rebuilds it without changing it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${url('demand')}/ops/probes`, { method: 'POST', headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' }, body: '{}' });
      ids.push(((await r.json()) as { probeId: string }).probeId);
    }
    await eventually(async () => expect(((await (await call('points', '/ops/probes', operator)).json()) as unknown[]).length).toBe(5));
    const before = (await (await call('points', '/ops/projections', operator)).json()) as { name: string; checksum: string }[];
    expect(before.map((p) => p.name)).toContain('probe-receipts');
    const rebuilt = await call('points', '/ops/projections/probe-receipts/rebuild', operator, 'POST');
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.json()).toMatchObject({ projection: 'probe-receipts', drifted: false, verifiedAtSamePosition: true, rebuiltChecksum: before.find((p) => p.name === 'probe-receipts')!.checksum });
    expect(((await (await call('points', '/ops/probes', operator)).json()) as { probeId: string }[]).map((p) => p.probeId).sort()).toEqual([...ids].sort());
  });

  it('refuses an unknown projection (404), a malformed name (400) and a non-operator (403)', async () => {
    expect((await call('points', '/ops/projections/nope/rebuild', operator, 'POST')).status).toBe(404);
    expect((await call('points', '/ops/projections/NOT%20OK/rebuild', operator, 'POST')).status).toBe(400);
    const analyst = await platform.devIssuer.issue({ sub: 'a', role: 'analyst' });
    expect((await call('points', '/ops/projections/probe-receipts/rebuild', analyst, 'POST')).status).toBe(403);
    expect((await call('points', '/ops/projections', analyst)).status).toBe(200);
  });
});

describe('embedded: calls between services (ServiceClient)', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-embedded-client-'));
    platform = await startEmbeddedPlatform({ services: [demandService, pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const clientOf = (s: string) => platform.services.get(s)!.app.app.get<ServiceClient>(SERVICE_CLIENT);

  it('calls another service with a service token, an idempotency key and the caller\'s correlation id', async () => {
    const client = clientOf('demand');
    const key = randomUUID();
    const first = await runWithCorrelation({ correlationId: 'corr-saga-1' }, () => client.call<{ probeId: string }>('points', { method: 'POST', path: '/ops/probes', body: {}, idempotencyKey: key }));
    const retry = await client.call<{ probeId: string }>('points', { method: 'POST', path: '/ops/probes', body: {}, idempotencyKey: key });
    expect(retry.probeId).toBe(first.probeId);
    const [sent] = await collect(platform.stores.get('points')!.readStream(`probe-${first.probeId}`));
    expect(sent!.metadata.correlationId).toBe('corr-saga-1');
    expect((await collect(platform.stores.get('points')!.readAll({ filter: { eventTypes: ['ProbeSent'] } }))).length).toBe(1);
  });

  it('maps a problem answer to RemoteProblemError, and an unknown service to ServiceUnavailableError', async () => {
    const client = clientOf('demand');
    await expect(client.call('points', { method: 'GET', path: `/ops/probes/${randomUUID()}` })).rejects.toMatchObject({ name: 'RemoteProblemError', status: 404, remoteCode: 'PROBE.NOT_FOUND' });
    await expect(client.call('consulting', { method: 'GET', path: '/ops/probes' })).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(client.call('points', { method: 'POST', path: '/ops/probes', body: {} })).rejects.toThrow(/needs an idempotency key/);
  });
});
