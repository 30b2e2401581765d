import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventSubscription, NewEvent, RecordedEvent } from '../event-store.port';

/** A stream or category name no other test (or earlier run against a shared server) has used. */
export const uniqueName = (prefix: string): string => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export const newEvent = <Data = unknown>(type: string, data: Data, metadata?: EventMetadata): NewEvent<Data> => ({
  id: randomUUID(),
  type,
  data,
  ...(metadata === undefined ? {} : { metadata }),
});

/** `count` events of one type whose data carries their index, so order mistakes show in a diff. */
export const newEvents = (count: number, type = 'Tested', from = 0): NewEvent<{ n: number }>[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: from + i }));

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export interface CollectFromSubscriptionOptions {
  /** Stop once this many events arrived (then keep listening `idleMs` to catch extras, e.g. duplicates). */
  readonly count: number;
  readonly idleMs?: number;
  /** Give up (and return what arrived) after this long, so a missing event fails an assertion, not the runner. */
  readonly timeoutMs?: number;
  /** Runs after each delivered event, before the next is requested: append here to race the catch-up. */
  readonly onEvent?: (event: RecordedEvent, received: number) => Promise<void> | void;
}

/** Reads a subscription into an array, then unsubscribes. */
export async function collectFromSubscription(
  subscription: EventSubscription,
  options: CollectFromSubscriptionOptions,
): Promise<RecordedEvent[]> {
  const { count, idleMs = 300, timeoutMs = 15_000 } = options;
  const out: RecordedEvent[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const wait = out.length >= count ? idleMs : deadline - Date.now();
      if (wait <= 0) break;
      const next = await nextOrTimeout(iterator, wait);
      if (next === 'timeout' || next.done === true) break;
      out.push(next.value);
      await options.onEvent?.(next.value, out.length);
    }
  } finally {
    await subscription.unsubscribe();
  }
  return out;
}

async function nextOrTimeout<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves with the rejection of `promise`, failing if it fulfils: `expect(await rejectionOf(p)).toMatchObject(...)`. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it fulfilled');
}
