// Embedded event store throughput beside raw better-sqlite3 on the same schema and pragmas, measured in
// the same run: the gap is what the adapter's revision check, idempotency look-up and mapping cost.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@hope/eventstore';
import { applyPragmas, createSchema } from '../../libs/eventstore/src/sqlite/sqlite-schema';
import { quick, report, type Goal } from './report';

const PHASE_MS = quick() ? 200 : 700;

interface Row {
  readonly case: string;
  readonly adapter: string;
  readonly baseline: string;
  readonly ratio: string;
}

const event = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'PointsEarned',
  data: { expertId: `expert-${i % 97}`, points: 10 + (i % 50), reason: 'clue-accepted', at: '2025-01-01T00:00:00.000Z' },
  metadata: { correlationId: randomUUID(), version: 1 },
});

/** Runs `step` (which handles `perStep` events) until PHASE_MS elapsed; returns events per second. */
async function rate(perStep: number, step: (i: number) => Promise<void> | void): Promise<number> {
  const started = performance.now();
  let steps = 0;
  while (performance.now() - started < PHASE_MS) {
    await step(steps);
    steps += 1;
  }
  return (steps * perStep) / ((performance.now() - started) / 1000);
}

function openRaw(file: string): {
  db: Database.Database;
  appendBatch: (events: readonly NewEvent[], stream: string, from: number) => void;
  appendRound: (appends: readonly { stream: string; revision: number; event: NewEvent }[]) => void;
} {
  const db = new Database(file);
  applyPragmas(db);
  createSchema(db);
  const insert = db.prepare(
    'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const tx = db.transaction((events: readonly NewEvent[], stream: string, from: number) => {
    const now = Date.now();
    events.forEach((e, i) => insert.run(stream, from + i, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata ?? {}), now));
  });
  const round = db.transaction((appends: readonly { stream: string; revision: number; event: NewEvent }[]) => {
    const now = Date.now();
    for (const a of appends) insert.run(a.stream, a.revision, a.event.id, a.event.type, JSON.stringify(a.event.data), JSON.stringify(a.event.metadata ?? {}), now);
  });
  return { db, appendBatch: (events, stream, from) => tx.immediate(events, stream, from), appendRound: (appends) => round.immediate(appends) };
}

export async function runEventStoreBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-es-bench-'));
  try {
    const store = SqliteEventStore.open({ file: join(dir, 'adapter.sqlite') });
    // The store's writer thread loads once per open (~0.1 s compiled, more from TypeScript sources):
    // a start-up cost, not a per-append one, so it stays out of the timed phases.
    await store.append('warm-up', [event(0)]);
    const raw = openRaw(join(dir, 'raw.sqlite'));
    const rows: Row[] = [];
    const add = (name: string, adapter: number, baseline: number, goal?: Goal, baselineName = 'raw better-sqlite3, same schema and pragmas'): void => {
      rows.push({ case: name, adapter: fmt(adapter), baseline: fmt(baseline), ratio: `${((adapter / baseline) * 100).toFixed(0)}%` });
      report({ group: 'eventstore', name, value: adapter, unit: 'events/s', baseline: { name: baselineName, value: baseline }, ...(goal ? { goal } : {}) });
    };

    for (const size of [1, 100]) {
      const streams = 50;
      const revisions = new Array<number>(streams).fill(-1);
      const adapterRate = await rate(size, async (i) => {
        const s = i % streams;
        const result = await store.append(`account-${size}-${s}`, Array.from({ length: size }, (_, k) => event(k)), {
          expectedRevision: revisions[s] === -1 ? 'no_stream' : revisions[s],
        });
        revisions[s] = result.nextExpectedRevision;
      });
      const rawRevisions = new Array<number>(streams).fill(0);
      const rawRate = await rate(size, (i) => {
        const s = i % streams;
        raw.appendBatch(Array.from({ length: size }, (_, k) => event(k)), `account-${size}-${s}`, rawRevisions[s]!);
        rawRevisions[s]! += size;
      });
      add(`append, ${size} event${size === 1 ? '' : 's'}/commit (events/s, synchronous=FULL)`, adapterRate, rawRate, size === 100 ? { ratio: { min: 0.8 } } : undefined);
    }

    // Group commit: 64 writers each awaiting its own 1-event append (as 64 concurrent requests do),
    // beside the same appends one commit at a time (each awaited before the next) in the same run.
    {
      const writers = 64;
      const revisions = new Array<number>(writers).fill(-1);
      const concurrent = await rate(writers, async (round) => {
        const results = await Promise.all(
          Array.from({ length: writers }, (_, w) => store.append(`group-${w}`, [event(round)], { expectedRevision: revisions[w] === -1 ? 'no_stream' : revisions[w] })),
        );
        results.forEach((r, w) => (revisions[w] = r.nextExpectedRevision));
      });
      const oneByOne = new Array<number>(writers).fill(-1);
      const sequential = await rate(writers, async () => {
        for (let w = 0; w < writers; w++) {
          oneByOne[w] = (await store.append(`single-${w}`, [event(w)], { expectedRevision: oneByOne[w] === -1 ? 'no_stream' : oneByOne[w] })).nextExpectedRevision;
        }
      });
      add(`group commit: ${writers} concurrent writers, 1 event each (events/s; baseline: one append per commit)`, concurrent, sequential, { ratio: { min: 10 } }, 'one append per commit');
      // The ceiling no group commit can pass: the same round (one event to each of 64 streams) as ONE raw
      // transaction, no revision check, no thread. Where an fsync is cheap beside 64 row inserts, this
      // ceiling over the one-append rate bounds the ratio above, whatever the store does.
      const rawHeads = new Array<number>(writers).fill(0);
      const ceiling = await rate(writers, (round) => {
        raw.appendRound(Array.from({ length: writers }, (_, w) => ({ stream: `group-${w}`, revision: rawHeads[w]!, event: event(round) })));
        rawHeads.fill(rawHeads[0]! + 1);
      });
      add(`group commit: ${writers} concurrent writers against the raw ceiling (events/s; baseline: the same ${writers} appends as one raw transaction)`, concurrent, ceiling, undefined, `the same ${writers} one-event appends as one raw better-sqlite3 transaction`);
      console.log(`  group commit: the one-append rate times 10 would be ${fmt(sequential * 10)} events/s; the raw ceiling is ${fmt(ceiling)} events/s (${(ceiling / sequential).toFixed(1)}x the one-append rate)`);
    }

    // The `any`-revision idempotency look-up on a long stream (the defect: it walked the stream).
    {
      const long = 'long-stream';
      for (let i = 0; i < 10; i++) await store.append(long, Array.from({ length: 1000 }, (_, k) => event(k)));
      const anyRate = await rate(1, async () => void (await store.append(long, [event(0)], { expectedRevision: 'any' })));
      let head = -1;
      for await (const e of store.readStream(long, { direction: 'backwards', maxCount: 1 })) head = e.revision;
      const numericRate = await rate(1, async () => void (head = (await store.append(long, [event(0)], { expectedRevision: head })).nextExpectedRevision));
      add(`append 'any' to a 10k-event stream (events/s; baseline: numeric expected revision)`, anyRate, numericRate, undefined, 'numeric expected revision');
    }

    // Reads go over the adapter's own file so both sides see identical rows.
    const total = store.headPosition();
    let readByAdapter = 0;
    const adapterRead = await rate(total, async () => {
      for await (const e of store.readAll()) if (e.revision >= 0) readByAdapter += 1;
    });
    const reader = new Database(join(dir, 'adapter.sqlite'), { readonly: true });
    const select = reader.prepare<[], { data: string; metadata: string }>('SELECT data, metadata FROM events ORDER BY position');
    let readRaw = 0;
    const rawRead = await rate(total, () => {
      for (const r of select.iterate()) {
        JSON.parse(r.data);
        JSON.parse(r.metadata);
        readRaw += 1;
      }
    });
    add(`readAll over ${total} events (events/s)`, adapterRead, rawRead);
    reader.close();

    await store.close();
    raw.db.close();
    console.log('\nEventStore bench (SQLite adapter vs raw better-sqlite3, same pragmas, same run)');
    console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
    console.table(rows);
    console.log(`(read ${readByAdapter} events via the adapter and ${readRaw} raw)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

if (require.main === module) {
  runEventStoreBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
