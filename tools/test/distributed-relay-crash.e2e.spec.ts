import { join } from 'node:path';
import Database from 'better-sqlite3';
import { logLevel } from 'kafkajs';
import { Headers, Topics } from '@hope/contracts';
import { KafkaBus, type ConsumerHandle } from '@hope/messaging';
import { demandDraft, publishDemand, registerClient } from '../src/testing/demand-steps';
import { describeWithKafka } from '../src/testing/describe-with-kafka';
import type { Caller } from '../src/testing/dev-tokens';
import { DistributedRun } from '../src/testing/distributed-run';
import { eventually } from '../src/testing/eventually';
import { duplicateMovements, readAccount, readWholeLedger } from '../src/testing/points-ledger-reader';
import { pauseProcess, pidsByCommandLine } from '../src/testing/process-signals';

/**
 * The relay killed between publish and checkpoint, in the story's setting (demand publishes the
 * experts' clues and plans, points earns on them), made exact rather than left to timing:
 *   1. the test's own broker is paused (SIGSTOP), experts submit proposals: demand appends them and its
 *      relay blocks in publish, waiting for the broker's ack;
 *   2. the test takes the write lock of demand's event store (where the relay's checkpoint lives);
 *   3. the broker resumes: the relay's publish is acknowledged, and its checkpoint waits on the lock;
 *   4. once the published proposals are seen on the topic, demand is SIGKILLed: published, not checkpointed.
 * Restarted, the relay publishes that batch again (the test sees each of those events twice on the
 * topic: the fault happened), and points counts every proposal once.
 */
describeWithKafka('relay SIGKILLed between publish and checkpoint: republished, counted once downstream', () => {
  jest.setTimeout(180_000);
  const distributed = new DistributedRun('relay');
  const run = distributed.id;
  const org = `org-relay-${run}`;
  const operator: Caller = { sub: 'ops-relay', role: 'operator' };
  const enterprise: Caller = { sub: `buyer-${run}`, role: 'enterprise', org };
  const experts = Array.from({ length: 4 }, (_, i): Caller => ({ sub: `relay-expert-${i}-${run}`, role: 'expert' }));
  let bus: KafkaBus;
  let watcher: ConsumerHandle | undefined;
  /** Every demand event seen on the topic: event id -> how many times, and its type. */
  const seen = new Map<string, { type: string; count: number }>();

  beforeAll(async () => {
    await distributed.start({ services: ['demand', 'points'] });
    bus = await KafkaBus.connect({ brokers: distributed.brokers, clientId: 'relay-crash-watcher', logLevel: logLevel.NOTHING });
    watcher = await bus.consume({
      groupId: `watch-${run}`,
      topics: [Topics.demand],
      handler: async (m) => {
        const id = m.headers[Headers.eventId] ?? '';
        const entry = seen.get(id) ?? { type: m.headers[Headers.eventType] ?? '', count: 0 };
        entry.count += 1;
        seen.set(id, entry);
      },
    });
  });

  afterAll(async () => {
    await watcher?.stop();
    await bus?.close();
    await distributed.stop();
  });

  const call = distributed.call.bind(distributed);
  const cluster = () => distributed.cluster;
  const published = (type: string) => [...seen.values()].filter((e) => e.type === type);

  it('the published batch comes again after the restart; every proposal earns once', async () => {
    await registerClient(distributed, operator, enterprise, 'Relay Appliances');
    const demandId = await publishDemand(distributed, enterprise, operator, demandDraft());
    // Everything so far is published and (soon) checkpointed before the fault is set up.
    await eventually(() => expect(published('DemandPublished')).toHaveLength(1), { timeoutMs: 60_000, intervalMs: 100 });
    await new Promise((r) => setTimeout(r, 500));

    // 1. The broker stops answering; the proposals are appended and the relay waits on its publish.
    const [brokerPid, ...others] = pidsByCommandLine(join(distributed.broker!.dir, 'server.properties'));
    expect({ brokerPid: typeof brokerPid, others }).toEqual({ brokerPid: 'number', others: [] });
    const paused = pauseProcess(brokerPid!);
    let lock: Database.Database | undefined;
    try {
      for (const expert of experts) {
        expect((await call('demand', expert, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', title: 'A lab that measured it', body: 'b' })).status).toBe(201);
        expect((await call('demand', expert, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 'A damper', body: 'b' })).status).toBe(201);
      }
      // 2. Demand's store is locked for writing: the relay's checkpoint (same file) cannot move.
      lock = new Database(join(cluster().dataDir('demand'), 'demand.events.sqlite'));
      lock.pragma('busy_timeout = 10000');
      lock.exec('BEGIN IMMEDIATE');
    } finally {
      // 3. The broker acknowledges the relay's publish.
      paused.resume();
    }
    try {
      // 4. Published (seen on the topic), not checkpointed (the lock): kill.
      await eventually(() => expect(published('ClueSubmitted').length + published('PlanSubmitted').length).toBeGreaterThan(0), { timeoutMs: 60_000, intervalMs: 50 });
      await cluster().replica('demand').kill();
    } finally {
      lock?.exec('ROLLBACK');
      lock?.close();
    }
    const publishedBeforeTheKill = [...seen.entries()].filter(([, e]) => e.type === 'ClueSubmitted' || e.type === 'PlanSubmitted').map(([id]) => id);
    await cluster().replica('demand').start();

    // The relay republished from its last checkpoint: the batch it had published comes a second time.
    await eventually(() => expect(publishedBeforeTheKill.map((id) => seen.get(id)!.count).filter((n) => n < 2)).toEqual([]), { timeoutMs: 60_000, intervalMs: 200 });
    await eventually(() => expect(published('ClueSubmitted').length + published('PlanSubmitted').length).toBe(experts.length * 2), { timeoutMs: 60_000, intervalMs: 200 });

    // Downstream, each proposal earned once: clue 5 + plan 20, pending for 14 days.
    const balances = async () => {
      for (const expert of experts) {
        expect({ expert: expert.sub, ...(await readAccount(distributed.tokens, cluster().url('points'), expert.sub, operator)) }).toMatchObject({ expert: expert.sub, pending: 25, lifetimeEarned: 25, available: 0 });
      }
    };
    await eventually(balances, { timeoutMs: 60_000, intervalMs: 500 });
    await eventually(async () => expect(await bus.consumerLag('points', [Topics.demand])).toBe(0), { timeoutMs: 60_000, intervalMs: 500 });
    await balances();
    for (const expert of experts) {
      const ledger = await readWholeLedger(distributed.tokens, cluster().url('points'), expert.sub, operator);
      expect({ expert: expert.sub, duplicates: duplicateMovements(ledger), earned: ledger.filter((m) => m.type === 'PointsEarned').length }).toEqual({ expert: expert.sub, duplicates: [], earned: 2 });
    }
  });
});
