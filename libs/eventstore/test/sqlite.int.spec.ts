import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@hope/eventstore';
import { collect, collectFromSubscription, newEvents } from '@hope/eventstore/testing';

const ROOT = resolve(__dirname, '../../..');
const fixture = (name: string): string => join(__dirname, 'fixtures', name);

function spawnChild(script: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, stdout, stderr })));
}

describe('SqliteEventStore on disk', () => {
  let dir: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = (pollIntervalMs = 50): SqliteEventStore => {
    const store = SqliteEventStore.open({ file, pollIntervalMs });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-es-int-'));
    file = join(dir, 'data', 'points.events.sqlite');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps events, positions and checkpoints across close and reopen, in WAL mode', async () => {
    const first = open();
    const written = newEvents(20);
    const result = await first.append('account-1', written, { expectedRevision: 'no_stream' });
    await first.checkpoints.store('relay', result.position);
    await first.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const second = open();
    const read = await collect(second.readStream('account-1'));
    expect(read.map((e) => e.id)).toEqual(written.map((e) => e.id));
    expect(read.map((e) => e.data)).toEqual(written.map((e) => e.data));
    expect(await second.checkpoints.load('relay')).toEqual(result.position);
    const next = await second.append('account-1', newEvents(1), { expectedRevision: 19 });
    expect(next.position.commit).toBeGreaterThan(result.position.commit);
  });

  it('wakes a subscription on an append made through another instance in this process, without waiting for a poll', async () => {
    const subscriber = open(60_000);
    const writer = open();
    const later = newEvents(3);
    const started = Date.now();
    const pending = collectFromSubscription(subscriber.subscribeToAll({ fromPosition: 'end' }), { count: 3, idleMs: 0, timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    await writer.append('account-2', later);
    expect((await pending).map((e) => e.id)).toEqual(later.map((e) => e.id));
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('close() ends live subscriptions', async () => {
    const store = open();
    const seen: RecordedEvent[] = [];
    const iteration = (async () => {
      for await (const e of store.subscribeToAll()) seen.push(e);
      return 'ended';
    })();
    await store.append('account-3', newEvents(2));
    await new Promise((r) => setTimeout(r, 100));
    await store.close();
    expect(await iteration).toBe('ended');
    expect(seen).toHaveLength(2);
  });

  it('two processes appending to one stream with expected revisions: every event once, revisions contiguous', async () => {
    const perWriter = 150;
    const writers = ['a', 'b', 'c'];
    open(); // creates the file and schema before the children race for it
    const watcher = open(50);
    const live = collectFromSubscription(watcher.subscribeToAll({ filter: { streamPrefixes: ['shared-'] } }), {
      count: perWriter * writers.length,
      timeoutMs: 60_000,
    });
    const startAt = String(Date.now() + 1_500);
    const results = await Promise.all(
      writers.map((w) => exited(spawnChild(fixture('contended-writer.child.ts'), [file, 'shared-1', w, String(perWriter), startAt]))),
    );
    for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });

    const events = await collect(open().readStream('shared-1'));
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    const byWriter = (w: string) => events.filter((e) => (e.data as { writer: string }).writer === w).map((e) => (e.data as { i: number }).i);
    for (const w of writers) expect(byWriter(w)).toEqual(Array.from({ length: perWriter }, (_, i) => i));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // The parent's subscription saw the children's appends by polling, in commit order.
    expect((await live).map((e) => e.id)).toEqual(events.map((e) => e.id));
    const conflicts = results.reduce((n, r) => n + (JSON.parse(r.stdout) as { conflicts: number }).conflicts, 0);
    process.stderr.write(`two-process append: ${events.length} events, ${conflicts} conflicts retried\n`);
  }, 120_000);

  it('a process SIGKILLed during large batch appends leaves every batch complete or absent', async () => {
    const batchSize = 20_000;
    for (let round = 0; round < 3; round += 1) {
      const child = spawnChild(fixture('batch-appender.child.ts'), [file, String(batchSize)]);
      const outcome = exited(child);
      let stdout = '';
      await new Promise<void>((ready) =>
        child.stdout?.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (stdout.includes('ready')) ready();
        }),
      );
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
      child.kill('SIGKILL');
      const { signal } = await outcome;
      expect(signal).toBe('SIGKILL');

      const acknowledged = stdout.split('\n').filter((l) => l.startsWith('committed ')).map((l) => l.slice('committed '.length));
      const store = open();
      const counts = new Map<string, number>();
      for await (const e of store.readAll({ filter: { streamPrefixes: ['batch-'] } })) counts.set(e.stream, (counts.get(e.stream) ?? 0) + 1);
      for (const [stream, count] of counts) expect({ stream, count }).toEqual({ stream, count: batchSize });
      for (const stream of acknowledged) expect(counts.get(stream)).toBe(batchSize);
      const raw = new Database(file);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      const maxRevision = raw.prepare('SELECT max(revision) AS r FROM events WHERE stream LIKE ?').get('batch-%') as { r: number | null };
      raw.close();
      if (counts.size > 0) expect(maxRevision.r).toBe(batchSize - 1);
    }
  }, 120_000);
});
