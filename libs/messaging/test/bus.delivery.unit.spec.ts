import { Headers } from '@hope/contracts';
import { attemptOnce, backoffDelay, deadLetter, deliver } from '../src/bus/delivery';
import { NonRetriableError } from '../src/bus/bus.port';

const message = { topic: 'hope.points.events', partition: 2, offset: '41', key: 'account-1', value: '{}', headers: { a: '1' } };
const policy = { retries: 3, initialDelayMs: 1, maxDelayMs: 4 };

describe('delivery', () => {
  it('doubles the backoff up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay({ retries: 9, initialDelayMs: 100, maxDelayMs: 500 }, n))).toEqual([100, 200, 400, 500, 500]);
  });

  it('retries until the handler succeeds, counting attempts from 1', async () => {
    const attempts: number[] = [];
    const outcome = await deliver(message, {
      retry: policy,
      handler: async (m) => {
        attempts.push(m.attempt);
        if (m.attempt < 3) throw new Error('busy');
      },
    });
    expect(outcome).toEqual({ outcome: 'handled', attempts: 3 });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after the retries and says so', async () => {
    const outcome = await deliver(message, { retry: policy, handler: () => Promise.reject(new Error('down')) });
    expect(outcome).toMatchObject({ outcome: 'dead', attempts: 4, kind: 'retries-exhausted' });
  });

  it('does not retry a NonRetriableError, nor what isRetriable rejects, nor a synchronous throw of one', async () => {
    expect(await attemptOnce(message, 1, { handler: () => Promise.reject(new NonRetriableError('bad')) })).toMatchObject({
      outcome: 'dead',
      kind: 'non-retriable',
    });
    expect(
      await attemptOnce(message, 1, { handler: () => Promise.reject(new TypeError('x')), isRetriable: (e) => !(e instanceof TypeError) }),
    ).toMatchObject({ outcome: 'dead', kind: 'non-retriable' });
    const throwsSync = (): Promise<void> => {
      throw new NonRetriableError('sync');
    };
    expect(await attemptOnce(message, 1, { handler: throwsSync })).toMatchObject({ outcome: 'dead' });
  });

  it('stops retrying when aborted, without marking the message handled or dead', async () => {
    const abort = new AbortController();
    const outcome = deliver(message, {
      retry: { retries: 5, initialDelayMs: 10_000, maxDelayMs: 10_000 },
      signal: abort.signal,
      handler: () => Promise.reject(new Error('down')),
    });
    setTimeout(() => abort.abort(), 10);
    expect(await outcome).toEqual({ outcome: 'abandoned', attempts: 1 });
  });

  it('builds the dead letter with the error, where it came from and which consumer group gave up', () => {
    const dead = deadLetter(message, { outcome: 'dead', attempts: 4, error: new Error('down'), kind: 'retries-exhausted' }, 'demand');
    expect(dead.topic).toBe('hope.points.events.dlq');
    expect(dead.message).toEqual({
      key: 'account-1',
      value: '{}',
      headers: {
        a: '1',
        [Headers.consumerGroup]: 'demand',
        [Headers.error]: 'Error: down',
        [Headers.errorKind]: 'retries-exhausted',
        [Headers.originalTopic]: 'hope.points.events',
        [Headers.originalPartition]: '2',
        [Headers.originalOffset]: '41',
        [Headers.attempts]: '4',
      },
    });
  });
});
