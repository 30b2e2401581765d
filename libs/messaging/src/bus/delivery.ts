/**
 * What both adapters do with one message: run the handler, retry with backoff, or give up and build the
 * dead letter. Shared so the in-process bus and Kafka cannot drift apart on retries or DLQ headers.
 */
import { Headers, deadLetterTopic } from '@hope/contracts';
import {
  DEFAULT_RETRY,
  type DeadLetterNote,
  IncomingMessage,
  MessageHandler,
  NonRetriableError,
  OutgoingMessage,
  RetryPolicy,
} from './bus.port';

export type DeadLetterKind = 'non-retriable' | 'retries-exhausted';

export type DeliveryOutcome =
  | { readonly outcome: 'handled'; readonly attempts: number }
  | { readonly outcome: 'dead'; readonly attempts: number; readonly error: unknown; readonly kind: DeadLetterKind }
  /** Stopped while waiting to retry: neither handled nor dead, so the offset must not move. */
  | { readonly outcome: 'abandoned'; readonly attempts: number };

export const isRetriableByDefault = (error: unknown): boolean => !(error instanceof NonRetriableError);

/** Delay before retry number `retry` (1-based): doubles from initialDelayMs, capped at maxDelayMs. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1));
}

/** Resolves after `ms`, or early (with false) once `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface DeliveryOptions {
  readonly handler: MessageHandler;
  readonly retry?: RetryPolicy;
  readonly isRetriable?: (error: unknown) => boolean;
  /** Aborting stops further retries; the attempt already running is always awaited. */
  readonly signal?: AbortSignal;
}

export type Delivered = Omit<IncomingMessage, 'attempt'>;

export type AttemptOutcome =
  | { readonly outcome: 'handled'; readonly attempts: number }
  | Extract<DeliveryOutcome, { outcome: 'dead' }>
  | { readonly outcome: 'retry'; readonly attempts: number; readonly delayMs: number; readonly error: unknown };

/** Runs the handler once (`attempt` is 1-based) and says what to do next. Never throws. */
export async function attemptOnce(
  message: Delivered,
  attempt: number,
  options: Pick<DeliveryOptions, 'handler' | 'retry' | 'isRetriable'>,
): Promise<AttemptOutcome> {
  const policy = options.retry ?? DEFAULT_RETRY;
  try {
    // Promise.resolve().then: a handler that throws synchronously is treated like one that rejects.
    await Promise.resolve().then(() => options.handler({ ...message, attempt }));
    return { outcome: 'handled', attempts: attempt };
  } catch (error) {
    if (!safeIsRetriable(options.isRetriable ?? isRetriableByDefault, error)) {
      return { outcome: 'dead', attempts: attempt, error, kind: 'non-retriable' };
    }
    if (attempt > policy.retries) return { outcome: 'dead', attempts: attempt, error, kind: 'retries-exhausted' };
    return { outcome: 'retry', attempts: attempt, delayMs: backoffDelay(policy, attempt), error };
  }
}

/** Runs the handler until it succeeds or the message is dead, waiting out the backoff in between. */
export async function deliver(message: Delivered, options: DeliveryOptions): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(message, attempt, options);
    if (result.outcome !== 'retry') return result;
    if (!(await sleep(result.delayMs, options.signal))) return { outcome: 'abandoned', attempts: attempt };
  }
}

function safeIsRetriable(isRetriable: (error: unknown) => boolean, error: unknown): boolean {
  try {
    return isRetriable(error);
  } catch {
    return true;
  }
}

const MAX_ERROR_HEADER = 2_000;

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_HEADER ? `${text.slice(0, MAX_ERROR_HEADER)}…` : text;
}

/** The message as it goes to `<topic>.dlq`: same key, value and headers, plus why, where from and which group. */
export function deadLetter(
  message: Delivered,
  outcome: Extract<DeliveryOutcome, { outcome: 'dead' }>,
  groupId: string,
): { readonly topic: string; readonly message: OutgoingMessage } {
  return {
    topic: deadLetterTopic(message.topic),
    message: {
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        [Headers.consumerGroup]: groupId,
        [Headers.error]: errorMessage(outcome.error),
        [Headers.errorKind]: outcome.kind,
        [Headers.originalTopic]: message.topic,
        [Headers.originalPartition]: String(message.partition),
        [Headers.originalOffset]: message.offset,
        [Headers.attempts]: String(outcome.attempts),
      },
    },
  };
}

/**
 * Tells the consumer's owner of a dead letter (`onDeadLetter`), retrying a few times: it records it in
 * the service's store, which is rarely unavailable for long. If it still fails the offset moves on
 * anyway: the DLQ topic holds the message, and a stuck partition would be worse.
 */
export async function noteDeadLetter(
  onDeadLetter: ((note: DeadLetterNote) => Promise<void>) | undefined,
  groupId: string,
  message: Delivered,
  outcome: Extract<DeliveryOutcome, { outcome: 'dead' }>,
  signal?: AbortSignal,
): Promise<void> {
  if (!onDeadLetter) return;
  const note: DeadLetterNote = { groupId, message, error: errorMessage(outcome.error), kind: outcome.kind, attempts: outcome.attempts };
  for (let attempt = 1; ; attempt++) {
    try {
      return await onDeadLetter(note);
    } catch {
      if (attempt >= 5 || !(await sleep(100 * 2 ** attempt, signal))) return;
    }
  }
}
