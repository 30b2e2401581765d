import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pointsClient } from '@hope/client';
import { contractChecked, expectContractKept } from '@hope/client/testing';
import { createEventRegistry, newEnvelope, Topics } from '@hope/contracts';
import { SqliteEventStore } from '@hope/eventstore';
import { InProcessBus, soleLease, toMessage } from '@hope/messaging';
import { DevIssuer, loadPlatformConfig, MemorySharedState, startService, type Role, type RunningService } from '@hope/platform';
import { ManualClock, publishMemberships, type MembershipChange } from '@hope/platform/testing';
import { pointsService } from '../src/points.service';

/** The points service alone, embedded adapters in a temp dir, a manual clock, and helpers to talk to it. */
export async function startPoints(start = new Date('2030-03-04T10:00:00.000Z')) {
  const dir = mkdtempSync(join(tmpdir(), 'hope-points-'));
  const store = SqliteEventStore.open({ file: join(dir, 'points.events.sqlite') });
  const bus = await InProcessBus.open({ file: join(dir, 'bus.sqlite') });
  const clock = new ManualClock(start);
  const sharedState = new MemorySharedState();
  const config = loadPlatformConfig({ ...process.env, LOG_LEVEL: 'silent', SERVICE_NAME: 'points', DATA_DIR: dir, PORT: undefined }, { serviceName: 'points', port: 3004 });
  const devIssuer = await DevIssuer.create({ issuer: config.auth.issuer, audience: config.auth.audience });
  const running: RunningService = await startService(pointsService, { store, bus, sharedState, lease: soleLease, registry: createEventRegistry(), clock, devIssuer }, config, { port: 0 });
  /** Enterprise members belong to `org` (default org-1). */
  const token = (sub: string, role: Role, org?: string) => devIssuer.issue({ sub, role, ...(role === 'enterprise' ? { org: org ?? 'org-1' } : {}) });

  const call = async (method: string, path: string, who: { sub: string; role: Role; org?: string }, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${running.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(who.sub, who.role, who.org)}`, 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    // Every answer is checked against the published document (status, schema, problem code, no extra field).
    expectContractKept('points', { method, path }, { status: r.status, contentType: r.headers.get('content-type') ?? '', body: text });
    // Tests read whatever shape each endpoint answers; the assertions say what it must be.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: r.status, contentType: r.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : undefined) as any };
  };

  /** The generated client (libs/client) as this caller: the published contract is the one tested. */
  const client = (who: { sub: string; role: Role; org?: string }, correlationId?: string) =>
    contractChecked('points', pointsClient({ baseUrl: running.url, token: () => token(who.sub, who.role, who.org), ...(correlationId !== undefined ? { correlationId } : {}) }));

  /** Publishes source events as another service's relay would (the same envelope may go several times). */
  const publish = async (topic: string, envelopes: ReturnType<typeof newEnvelope>[]) => bus.publish(topic, envelopes.map((e) => toMessage(e)));

  /** Waits until the points consumer has handled everything published and the projections caught up. */
  const settle = async () => {
    for (let i = 0; ; i++) {
      if ((await bus.consumerLag('points', pointsService.consumes)) === 0) break;
      if (i > 300) throw new Error('points consumer did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
    let last;
    for await (const e of store.readAll({ direction: 'backwards', maxCount: 1 })) last = e.position;
    if (last) await running.projections.waitFor(last);
  };

  /** Membership facts as demand would publish them (tenancy rests on them), consumed before this returns. */
  const memberships = (changes: readonly MembershipChange[]) => publishMemberships(bus, ['points'], changes);

  const countEvents = async () => {
    let n = 0;
    for await (const _ of store.readAll({ filter: { streamPrefixes: ['account-'] } })) n++;
    return n;
  };

  const stop = async () => {
    await running.stop();
    await bus.close();
    await store.close();
    await sharedState.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { running, store, bus, clock, call, client, publish, settle, memberships, countEvents, stop, Topics };
}

export type PointsHarness = Awaited<ReturnType<typeof startPoints>>;
