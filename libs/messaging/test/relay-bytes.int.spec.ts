import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { encodeEnvelope } from '@hope/contracts';
import { SqliteEventStore, storedDataJson, type NewEvent, type RecordedEvent } from '@hope/eventstore';
import { contractTranslator, InProcessBus, publishMarkedIntegrationEvents, Relay, soleLease, type ConsumerHandle, type ContractMapper, type IncomingMessage, type IntegrationTranslator } from '@hope/messaging';
import { eventually } from '../../../tools/src/testing/eventually';

const TOPIC = 'hope.test.bytes';

/** Payloads whose JSON is easy to get wrong: escapes, non-ASCII, a lone surrogate, integer-like keys, -0, exponents, nesting. */
const tricky: unknown[] = [
  { amount: 7, reason: 'plain' },
  { quote: 'say "hi"\\n', tab: '\t', nl: '\n', ctl: '\u0001', uni: 'Zoë – 東京 🚀', lone: '\ud800x', slash: 'a/b' },
  { b: 1, 2: 'two', a: [1, -0, 1e21, 1.5e-7, 0.1, null, true, { z: {} }], 10: 'ten', __proto__x: 1 },
  JSON.parse('{"__proto__": {"polluted": true}, "k": 1}'),
  null,
  'a string',
  42,
  [],
];

/**
 * What the relay publishes is pinned here byte for byte: key, value and headers, built by hand from
 * the recorded events, not by the relay's own encoder, so a change to a header name, the key or the
 * envelope's bytes (field order, the data's JSON) fails this spec. The relay puts the store's JSON
 * text of the data in place of serialising it again (decision 0055): the bytes must not change.
 */
describe('relay: the published key, headers and envelope bytes', () => {
  let dir: string;
  let store: SqliteEventStore;
  let bus: InProcessBus;
  let received: IncomingMessage[];
  let consumer: ConsumerHandle;
  let relay: Relay | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-relay-bytes-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    bus = await InProcessBus.open({ file: ':memory:' });
    received = [];
    consumer = await bus.consume({ groupId: 'observer', topics: [TOPIC], handler: async (m) => void received.push(m) });
  });

  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await consumer.stop();
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const marked = (data: unknown, metadata: Record<string, unknown> = {}): NewEvent => ({
    id: randomUUID(),
    type: 'Counted',
    data,
    metadata: { integration: true, version: 2, correlationId: `c-${randomUUID()}`, ...metadata },
  });

  async function appendTricky(): Promise<RecordedEvent[]> {
    // Several commits, a few milliseconds apart: their recordedAt (occurredAt) differ.
    for (const [i, data] of tricky.entries()) {
      await store.append(`acc/${i % 3}`, [marked(data, i % 2 === 0 ? { causationId: `cause-${i}` } : {}), marked({ n: i })]);
      await new Promise((done) => setTimeout(done, 3));
    }
    const recorded: RecordedEvent[] = [];
    for await (const e of store.readAll()) recorded.push(e);
    return recorded;
  }

  /** The message as HOPE promises it (docs/asyncapi.yaml), spelled out. */
  const expected = (e: RecordedEvent, version: number, data: unknown) => ({
    key: e.stream,
    value:
      `{"id":${JSON.stringify(e.id)},"type":"Counted","version":${version},"stream":${JSON.stringify(e.stream)},"revision":${e.revision},` +
      `"position":"${e.position.commit}","occurredAt":"${e.recordedAt.toISOString()}","correlationId":${JSON.stringify(e.metadata.correlationId)},` +
      `${e.metadata.causationId === undefined ? '' : `"causationId":${JSON.stringify(e.metadata.causationId)},`}"data":${JSON.stringify(data)}}`,
    headers: {
      'hope-event-id': e.id,
      'hope-event-type': 'Counted',
      'hope-event-version': String(version),
      'hope-correlation-id': e.metadata.correlationId,
      ...(e.metadata.causationId === undefined ? {} : { 'hope-causation-id': e.metadata.causationId }),
    },
  });

  const published = () => received.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } }));

  async function relayWith(translate: IntegrationTranslator, count: number): Promise<void> {
    relay = new Relay({ service: 'bytes', store, bus, topic: TOPIC, translate, lease: soleLease, holder: 'test', batchSize: 5 });
    relay.start();
    await eventually(() => expect(received).toHaveLength(count));
  }

  it('publishes marked events with the key, headers and bytes spelled out, the data as the store holds it', async () => {
    const recorded = await appendTricky();
    await relayWith(publishMarkedIntegrationEvents, recorded.length);
    const byId = new Map(published().map((m) => [m.headers['hope-event-id'], m]));
    for (const e of recorded) expect(byId.get(e.id)).toEqual(expected(e, 2, e.data));
    // In store order per key.
    for (const stream of ['acc/0', 'acc/1', 'acc/2']) {
      expect(received.filter((m) => m.key === stream).map((m) => m.headers['hope-event-id'])).toEqual(recorded.filter((e) => e.stream === stream).map((e) => e.id));
    }
  });

  it('publishes the same bytes whether a mapper passes the recorded data through or builds its own', async () => {
    const recorded = await appendTricky();
    const passThrough: ContractMapper = (e) => ({ type: e.type, version: 3, data: e.data });
    await relayWith(contractTranslator(passThrough), recorded.length);
    const through = published();
    await relay!.stop();
    relay = undefined;
    received = [];
    await store.checkpoints.store('relay-bytes', { commit: 0n, prepare: 0n });
    const copied: ContractMapper = (e) => ({ type: e.type, version: 3, data: JSON.parse(JSON.stringify(e.data)) as unknown });
    await relayWith(contractTranslator(copied), recorded.length);
    expect(published()).toEqual(through);
    const byId = new Map(through.map((m) => [m.headers['hope-event-id'], m]));
    for (const e of recorded) expect(byId.get(e.id)).toEqual(expected(e, 3, e.data));
  });

  it('a mapper that changes the data publishes its own data, never the stored text', async () => {
    const recorded = await appendTricky();
    const changed: ContractMapper = (e) => ({ type: e.type, version: 1, data: { wrapped: e.data } });
    await relayWith(contractTranslator(changed), recorded.length);
    const byId = new Map(published().map((m) => [m.headers['hope-event-id'], m]));
    for (const e of recorded) expect(byId.get(e.id)).toEqual(expected(e, 1, { wrapped: e.data }));
  });
});

describe('the stored JSON text of an event data', () => {
  it('is the text JSON.stringify gives for the data the store read, and only for that very value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hope-stored-json-'));
    const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    try {
      for (const data of tricky) await store.append('s', [{ id: randomUUID(), type: 'T', data }]);
      for await (const e of store.readAll()) {
        expect(storedDataJson(e, e.data)).toBe(JSON.stringify(e.data));
        // A copy of the event, or other data, has none: it is serialised as before.
        expect(storedDataJson({ ...e }, e.data)).toBeUndefined();
        if (typeof e.data === 'object' && e.data !== null) expect(storedDataJson(e, structuredClone(e.data))).toBeUndefined();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what encodeEnvelope puts in place of the data, when data is the envelope last key', () => {
    const envelope = { id: 'e', type: 'T', version: 1, stream: 's', occurredAt: 'now', correlationId: 'c', data: { a: 1 } };
    // A text that is not the data's JSON shows which one was used (callers never pass such a text).
    expect(encodeEnvelope(envelope, '"stored"')).toBe('{"id":"e","type":"T","version":1,"stream":"s","occurredAt":"now","correlationId":"c","data":"stored"}');
    expect(encodeEnvelope({ data: { a: 1 } } as never, '"stored"')).toBe('{"data":"stored"}');
    // Not last: the whole envelope is serialised, the order of its keys kept.
    const dataFirst = { data: { a: 1 }, id: 'e', type: 'T', version: 1, stream: 's', occurredAt: 'now', correlationId: 'c' };
    expect(encodeEnvelope(dataFirst, '"stored"')).toBe(JSON.stringify(dataFirst));
  });
});
