/**
 * The contract when things go wrong: failing handlers, poison messages, stopping and crashing consumers.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Headers, deadLetterTopic } from '@hope/contracts';
import { NonRetriableError, RetryPolicy } from '../bus/bus.port';
import { partitionForKey } from '../bus/in-process/partition-for-key';
import type { BusContext } from './bus.contract';
import type { ChildSpec } from './bus-consumer.child';
import { Deliveries, deferred, delay, uniqueName, waitFor } from './bus-test-kit';

const FAST_RETRY: RetryPolicy = { retries: 2, initialDelayMs: 10, maxDelayMs: 50 };
const REPO_ROOT = resolve(__dirname, '../../../..');

export function failureContract(ctx: BusContext): void {
  it('retries a handler that fails transiently, then moves on in order', async () => {
    const attempts: number[] = [];
    const seen = new Deliveries();
    await ctx.current.bus.publish(ctx.topic, ['before', 'flaky', 'after'].map((value) => ({ key: 'k', value })));
    await ctx.consume({
      groupId: uniqueName('g'),
      retry: { retries: 5, initialDelayMs: 10, maxDelayMs: 50 },
      handler: seen.handler('A', async (m) => {
        if (m.value !== 'flaky') return;
        attempts.push(m.attempt);
        if (m.attempt < 3) throw new Error('database busy');
      }),
    });

    await waitFor('three messages', () => seen.all.length >= 3);
    expect(seen.values()).toEqual(['before', 'flaky', 'after']);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('dead-letters poison messages with the error in headers and handles the ones after', async () => {
    const key = 'points-9';
    const values = ['m1', 'poison', 'm2', 'doomed', 'm3'];
    await ctx.current.bus.publish(ctx.topic, values.map((value) => ({ key, value, headers: { [Headers.eventId]: `id-${value}` } })));
    const seen = new Deliveries();
    await ctx.consume({
      groupId: uniqueName('g'),
      retry: FAST_RETRY,
      handler: seen.handler('A', async (m) => {
        if (m.value === 'poison') throw new NonRetriableError('cannot decode payload');
        if (m.value === 'doomed') throw new Error('always fails');
      }),
    });
    await waitFor('the healthy messages', () => seen.all.length >= 3);
    expect(seen.values()).toEqual(['m1', 'm2', 'm3']);

    const dead = new Deliveries();
    await ctx.consume({ groupId: uniqueName('dlq'), topics: [deadLetterTopic(ctx.topic)], handler: dead.handler() });
    await waitFor('two dead letters', () => dead.all.length >= 2);
    const [poison, doomed] = dead.all;
    const partition = String(partitionForKey(key, 3));
    expect(poison).toMatchObject({ key, value: 'poison' });
    expect(poison?.headers).toMatchObject({
      [Headers.eventId]: 'id-poison',
      [Headers.errorKind]: 'non-retriable',
      [Headers.originalTopic]: ctx.topic,
      [Headers.originalPartition]: partition,
      [Headers.originalOffset]: '1',
      [Headers.attempts]: '1',
    });
    expect(poison?.headers[Headers.error]).toContain('cannot decode payload');
    expect(doomed).toMatchObject({ key, value: 'doomed' });
    expect(doomed?.headers).toMatchObject({
      [Headers.errorKind]: 'retries-exhausted',
      [Headers.originalOffset]: '3',
      [Headers.attempts]: String(FAST_RETRY.retries + 1),
    });
    expect(doomed?.headers[Headers.error]).toContain('always fails');
  });

  it('keeps other partitions flowing while one message is being retried', async () => {
    const stuckKey = 'stuck';
    const others = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].filter((k) => partitionForKey(k, 3) !== partitionForKey(stuckKey, 3));
    let stuckAttempts = 0;
    const seen = new Deliveries();
    await ctx.current.bus.publish(ctx.topic, [{ key: stuckKey, value: 'stuck' }]);
    await ctx.consume({
      groupId: uniqueName('g'),
      retry: { retries: 6, initialDelayMs: 500, maxDelayMs: 1_000 },
      handler: seen.handler('A', async (m) => {
        if (m.key !== stuckKey) return;
        stuckAttempts++;
        throw new Error('downstream unavailable');
      }),
    });
    await waitFor('the first failure', () => stuckAttempts >= 1);
    await ctx.current.bus.publish(ctx.topic, others.map((key) => ({ key, value: `ok-${key}` })));

    await waitFor('the other partitions', () => seen.all.length >= others.length, 4_000);
    expect(stuckAttempts).toBeLessThan(7); // still retrying: the others did not wait for it
  });

  it('stop() waits for the in-flight handler and commits it', async () => {
    const groupId = uniqueName('g');
    await ctx.current.bus.publish(ctx.topic, ['first', 'slow', 'next'].map((value) => ({ key: 'k', value })));
    const entered = deferred();
    const gate = deferred();
    const seen = new Deliveries();
    const consumer = await ctx.consume({
      groupId,
      handler: seen.handler('A', async (m) => {
        if (m.value !== 'slow') return;
        entered.resolve();
        await gate.promise;
      }),
    });
    await entered.promise;
    let stopped = false;
    const stopping = consumer.stop().then(() => (stopped = true));
    await delay(300);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(seen.values()).toEqual(['first', 'slow']);

    const after = new Deliveries();
    await ctx.consume({ groupId, handler: after.handler('B') });
    await waitFor('the message after', () => after.all.length >= 1);
    await delay(200);
    expect(after.values()).toEqual(['next']);
  });

  it('loses nothing when a consumer process is SIGKILLed mid-stream', async () => {
    const groupId = uniqueName('g');
    const values = Array.from({ length: 40 }, (_, i) => `m${i}`);
    await ctx.current.bus.publish(ctx.topic, values.map((value, i) => ({ key: `k${i % 6}`, value })));
    const dir = mkdtempSync(join(tmpdir(), 'hope-bus-kill-'));
    const recordFile = join(dir, 'handled.txt');
    const spec: ChildSpec = { connection: ctx.current.connection, topic: ctx.topic, groupId, recordFile, handleMs: 40 };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'bus-consumer.child.ts'), JSON.stringify(spec)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let childErrors = '';
    child.stderr?.on('data', (chunk: Buffer) => (childErrors += chunk.toString()));
    const recorded = (): string[] => (existsSync(recordFile) ? readFileSync(recordFile, 'utf8').split('\n').filter(Boolean) : []);
    try {
      await waitFor(`the child to handle a few messages (stderr: ${childErrors})`, () => recorded().length >= 8, 30_000, 5);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done(null) : child.once('exit', done)));
    const handledBeforeKill = recorded();
    expect(handledBeforeKill.length).toBeLessThan(values.length); // killed in the middle, not after

    const seen = new Deliveries();
    await ctx.consume({ groupId, handler: seen.handler('after-restart') });
    const handled = (): Set<string> => new Set([...handledBeforeKill, ...seen.values()]);
    await waitFor('every message after the restart', () => values.every((v) => handled().has(v)), 30_000);
    rmSync(dir, { recursive: true, force: true });
  });
}
