import { randomUUID } from 'node:crypto';

/**
 * What travels between services: one integration event with enough metadata to order it,
 * trace it (correlation/causation) and upcast it (type + version).
 */
export interface EventEnvelope<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  /** The producing service's stream; it is also the bus key, so an aggregate's events stay ordered. */
  readonly stream: string;
  /** Revision in the stream, where known (set by the relay from the store). */
  readonly revision?: number;
  /** Global position in the producer's store, where known, as a decimal string. */
  readonly position?: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly data: T;
}

export class EnvelopeDecodeError extends Error {
  constructor(readonly reason: string) {
    super(`Not an event envelope: ${reason}`);
    this.name = 'EnvelopeDecodeError';
  }
}

/**
 * The envelope as JSON. `dataJson`, when the caller has it, must be JSON.stringify(e.data) (the relay
 * has the store's text of it): it is put in place of serialising the data again, with the very bytes
 * JSON.stringify(e) gives, as long as `data` is the envelope's last key (as every envelope HOPE builds);
 * otherwise the whole envelope is serialised as before.
 */
export const encodeEnvelope = (e: EventEnvelope, dataJson?: string): string => {
  if (dataJson === undefined || !dataIsLast(e)) return JSON.stringify(e);
  // A copy with data undefined serialises to the same text without it (JSON.stringify skips undefined).
  const json = JSON.stringify({ ...e, data: undefined });
  return json.length === 2 ? `{"data":${dataJson}}` : `${json.slice(0, -1)},"data":${dataJson}}`;
};

/** `data` is the last key, and nothing (a toJSON) replaces the object when serialised. */
const dataIsLast = (e: EventEnvelope): boolean => {
  const keys = Object.keys(e);
  return keys[keys.length - 1] === 'data' && !('toJSON' in e);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks the shape; the payload (`data`) is checked by the event type's definition. */
export function decodeEnvelope(raw: string | Buffer): EventEnvelope {
  let v: unknown;
  try {
    v = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (e) {
    throw new EnvelopeDecodeError(`invalid JSON (${(e as Error).message})`);
  }
  if (!isObject(v)) throw new EnvelopeDecodeError('not a JSON object');
  for (const field of ['id', 'type', 'stream', 'occurredAt', 'correlationId'] as const) {
    if (typeof v[field] !== 'string' || (v[field] as string).length === 0) {
      throw new EnvelopeDecodeError(`field "${field}" must be a non-empty string`);
    }
  }
  if (!Number.isInteger(v.version) || (v.version as number) < 1) {
    throw new EnvelopeDecodeError('field "version" must be a positive integer');
  }
  if (v.causationId !== undefined && typeof v.causationId !== 'string') {
    throw new EnvelopeDecodeError('field "causationId" must be a string');
  }
  if (v.revision !== undefined && !Number.isInteger(v.revision)) {
    throw new EnvelopeDecodeError('field "revision" must be an integer');
  }
  if (!('data' in v)) throw new EnvelopeDecodeError('field "data" is missing');
  return v as unknown as EventEnvelope;
}

export interface NewEnvelopeInput<T> {
  type: string;
  version: number;
  stream: string;
  data: T;
  occurredAt: Date | string;
  id?: string;
  correlationId?: string;
  causationId?: string;
}

export function newEnvelope<T>(input: NewEnvelopeInput<T>): EventEnvelope<T> {
  const id = input.id ?? randomUUID();
  return {
    id,
    type: input.type,
    version: input.version,
    stream: input.stream,
    occurredAt: typeof input.occurredAt === 'string' ? input.occurredAt : input.occurredAt.toISOString(),
    correlationId: input.correlationId ?? id,
    ...(input.causationId ? { causationId: input.causationId } : {}),
    data: input.data,
  };
}
