/**
 * The relay's own work per event, stage by stage, without a broker: reading a page of the store,
 * delivering it through the subscription and the batcher, translating, encoding the message. CPU of
 * this process per event for each cumulative stage (best of a few rounds), so a change to one stage
 * shows in its own line. Run: RELAY_BENCH_EVENTS=50000 node -r @swc-node/register bench/src/relay-stages.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Batcher } from '../../libs/eventstore/src';
import { publishMarkedIntegrationEvents, toMessage } from '../../libs/messaging/src';
import { prepareTraced } from '../../libs/messaging/src/tracing/publish-span';
import { EVENTS, seedStore } from './relay.bench';

const BATCH = Number(process.env.RELAY_STAGES_BATCH ?? 500);
const ROUNDS = Number(process.env.RELAY_STAGES_ROUNDS ?? 5);

async function cpuPerEvent(run: () => Promise<number>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    const n = await run();
    const cpu = process.cpuUsage(before);
    if (n !== EVENTS) throw new Error(`read ${n} of ${EVENTS} events`);
    best = Math.min(best, (cpu.user + cpu.system) / n);
  }
  return best;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-relay-stages-'));
  const store = await seedStore(join(dir, 'events.sqlite'));
  /** Batches of the relay's subscription, from the start, until every event came; `each` sees each batch. */
  const batches = async (each: (batch: readonly never[]) => void): Promise<number> => {
    const subscription = store.subscribeToAll({ fromPosition: 'start' });
    const batcher = new Batcher(subscription[Symbol.asyncIterator](), BATCH, 5);
    let n = 0;
    while (n < EVENTS) {
      const batch = await batcher.nextBatch();
      each(batch as never[]);
      n += batch.length;
    }
    await subscription.unsubscribe();
    return n;
  };
  try {
    const stages: [string, () => Promise<number>][] = [
      [
        'read pages (readAll, decoded)',
        async () => {
          let n = 0;
          for await (const _ of store.readAll()) n++;
          return n;
        },
      ],
      ['subscription + batcher', () => batches(() => undefined)],
      ['+ translate', () => batches((batch) => batch.forEach((e) => publishMarkedIntegrationEvents(e)))],
      ['+ translate + message', () => batches((batch) => batch.forEach((e) => toMessage(publishMarkedIntegrationEvents(e)!, e)))],
      ['+ prepareTraced (the relay)', () => batches((batch) => prepareTraced('t', batch, publishMarkedIntegrationEvents, toMessage))],
    ];
    console.log(`relay stages, ${EVENTS} events, batches of ${BATCH}, CPU per event (best of ${ROUNDS}), load ${process.platform === 'linux' ? (await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ') : ''}`);
    for (const [name, run] of stages) console.log(`  ${name.padEnd(34)} ${(await cpuPerEvent(run)).toFixed(2).padStart(6)} µs`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
