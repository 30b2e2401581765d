import { Controller, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { INestMicroservice } from '@nestjs/common';
import { createEventRegistry, deadLetterTopic, encodeEnvelope, Headers, newEnvelope, type DemandPublishedV1, type DemandPublishedV2, type EventEnvelope } from '@hope/contracts';
import { InProcessBus, IntegrationEventTransport, RethrowRpcErrors, toMessage, type IncomingMessage } from '@hope/messaging';
import { eventually } from '../../../tools/src/testing/eventually';

const TOPIC = 'hope.demand.events';
const at = '2026-11-01T08:00:00.000Z';

/** What the handlers saw, and how they should behave; shared with the Nest controller below. */
const seen: { published: EventEnvelope<DemandPublishedV2>[]; attempts: Map<string, number>; failTimes: Map<string, number> } = {
  published: [],
  attempts: new Map(),
  failTimes: new Map(),
};

@Controller()
class DemandListener {
  @EventPattern('DemandPublished')
  async onPublished(@Payload() event: EventEnvelope<DemandPublishedV2>): Promise<void> {
    const n = (seen.attempts.get(event.id) ?? 0) + 1;
    seen.attempts.set(event.id, n);
    if (n <= (seen.failTimes.get(event.data.demandId) ?? 0)) throw new Error(`transient failure ${n}`);
    seen.published.push(event);
  }
}

@Module({ controllers: [DemandListener] })
class ListenerModule {}

const v1 = (demandId: string, title = 'Quiet compressor'): EventEnvelope<DemandPublishedV1> =>
  newEnvelope({ type: 'DemandPublished', version: 1, stream: `demand-${demandId}`, occurredAt: at, data: { demandId, organisationId: 'o-1', title, domain: 'smart-home', publishedAt: at } });

describe('IntegrationEventTransport: @EventPattern handlers over the bus port', () => {
  let bus: InProcessBus;
  let microservice: INestMicroservice;
  let skipped: string[];
  let dlq: IncomingMessage[];

  beforeEach(async () => {
    seen.published = [];
    seen.attempts.clear();
    seen.failTimes.clear();
    skipped = [];
    dlq = [];
    bus = await InProcessBus.open({ file: ':memory:' });
    const moduleRef = await Test.createTestingModule({ imports: [ListenerModule] }).compile();
    microservice = moduleRef.createNestMicroservice({
      strategy: new IntegrationEventTransport({
        bus,
        registry: createEventRegistry(),
        groupId: 'listener',
        topics: [TOPIC],
        retry: { retries: 3, initialDelayMs: 5, maxDelayMs: 20 },
        onSkipped: (type) => skipped.push(type),
      }),
    });
    microservice.useGlobalFilters(new RethrowRpcErrors());
    await microservice.listen();
    await bus.consume({ groupId: 'dlq-reader', topics: [deadLetterTopic(TOPIC)], handler: async (m) => void dlq.push(m) });
  });

  afterEach(async () => {
    await microservice.close();
    await bus.close();
  });

  it('given a v1 event on the topic, the handler sees it upcast to the current v3', async () => {
    await bus.publish(TOPIC, [toMessage(v1('d-1', '低噪音压缩机'))]);
    await eventually(() => expect(seen.published).toHaveLength(1));
    expect(seen.published[0]!.version).toBe(3);
    expect(seen.published[0]!.data).toMatchObject({ demandId: 'd-1', title: { zh: '低噪音压缩机' }, keywords: [] });
  });

  it('retries a handler that fails transiently, and commits only after it succeeded', async () => {
    seen.failTimes.set('d-2', 2);
    const e = v1('d-2');
    await bus.publish(TOPIC, [toMessage(e)]);
    await eventually(() => expect(seen.published).toHaveLength(1));
    expect(seen.attempts.get(e.id)).toBe(3);
    expect(dlq).toHaveLength(0);
  });

  it('dead-letters a handler that keeps failing, with the error in headers, and moves on', async () => {
    seen.failTimes.set('d-3', 99);
    await bus.publish(TOPIC, [toMessage(v1('d-3')), toMessage(v1('d-4'))]);
    await eventually(() => expect(dlq).toHaveLength(1));
    expect(dlq[0]!.headers[Headers.error]).toMatch(/transient failure 4/);
    expect(dlq[0]!.headers[Headers.attempts]).toBe('4');
    await eventually(() => expect(seen.published.map((p) => p.data.demandId)).toEqual(['d-4']));
  });

  it('dead-letters at once what can never succeed: bad JSON, an unknown type, a version from the future, an invalid payload', async () => {
    const unknown = newEnvelope({ type: 'SomethingNew', version: 1, stream: 's-1', occurredAt: at, data: {} });
    const future = newEnvelope({ type: 'DemandPublished', version: 9, stream: 's-2', occurredAt: at, data: {} });
    const invalid = newEnvelope({ type: 'DemandPublished', version: 2, stream: 's-3', occurredAt: at, data: { demandId: 'd' } });
    await bus.publish(TOPIC, [{ key: 's-0', value: '{not json' }, toMessage(unknown), toMessage(future), toMessage(invalid), toMessage(v1('d-5'))]);
    await eventually(() => expect(dlq).toHaveLength(4));
    expect(dlq.every((m) => m.headers[Headers.attempts] === '1')).toBe(true);
    // Different keys, different partitions: the dead letters arrive in any order.
    const errors = dlq.map((m) => m.headers[Headers.error]).sort();
    expect(errors).toEqual([
      expect.stringMatching(/^NonRetriableError: Event "DemandPublished" v9 is not supported/),
      expect.stringMatching(/^NonRetriableError: Event "DemandPublished": field "organisationId" must be a non-empty string/),
      expect.stringMatching(/^NonRetriableError: Not an event envelope: invalid JSON/),
      expect.stringMatching(/^NonRetriableError: Unknown integration event type "SomethingNew"/),
    ]);
    await eventually(() => expect(seen.published.map((p) => p.data.demandId)).toEqual(['d-5']));
  });

  it('skips, on purpose, a known type it has no handler for', async () => {
    const probe = newEnvelope({ type: 'ProbeSent', version: 1, stream: 'probe-1', occurredAt: at, data: { probeId: 'p', from: 'demand', sentAt: at } });
    await bus.publish(TOPIC, [{ key: probe.stream, value: encodeEnvelope(probe) }, toMessage(v1('d-6'))]);
    await eventually(() => expect(seen.published).toHaveLength(1));
    await eventually(() => expect(skipped).toEqual(['ProbeSent']));
    expect(dlq).toHaveLength(0);
  });
});
