import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createEventRegistry, type EventEnvelope } from '@hope/contracts';
import { SqliteEventStore } from '@hope/eventstore';
import { IntegrationEventTransport, publishMarkedIntegrationEvents, Relay, soleLease, traceFields, type MessageBus } from '@hope/messaging';
import { connectBus, kafkaUnavailable, testKafkaBrokers, uniqueName, waitFor } from '@hope/messaging/testing';

const unavailable = kafkaUnavailable();
if (unavailable) process.stderr.write(`Kafka tracing suite skipped: ${unavailable}\n`);

/**
 * Decision 0028 over a real broker: an event appended inside a span carries its traceparent in the
 * metadata; the relay publishes it to Kafka in a PRODUCER span (child of that span) whose context rides
 * in the message headers; the consumer's handler runs in a CONSUMER span, child of the publish span.
 */
(unavailable ? describe.skip : describe)('trace context through the relay and Kafka', () => {
  jest.setTimeout(90_000);
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let bus: MessageBus;
  let store: SqliteEventStore;
  let relay: Relay;
  let transport: IntegrationEventTransport;
  const dir = mkdtempSync(join(tmpdir(), 'hope-tracing-kafka-'));

  beforeAll(async () => {
    provider.register({ propagator: new W3CTraceContextPropagator() });
    bus = await connectBus({ adapter: 'kafka', brokers: testKafkaBrokers() ?? '', clientId: uniqueName('tracing') });
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
  afterAll(async () => {
    await relay?.stop();
    await transport?.close();
    await bus?.close();
    await store?.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the consumer continues the trace of the command that appended the event', async () => {
    const topic = uniqueName('hope.test.events');
    const handled: { envelope: EventEnvelope; traceId: string | undefined }[] = [];
    transport = new IntegrationEventTransport({ bus, registry: createEventRegistry(), groupId: uniqueName('g'), topics: [topic] });
    transport.addHandler(
      'ProbeSent',
      async (envelope: EventEnvelope) => {
        handled.push({ envelope, traceId: trace.getActiveSpan()?.spanContext().traceId });
      },
      true,
    );
    await new Promise<void>((resolve, reject) => void transport.listen((error) => (error ? reject(error as Error) : resolve())));

    const command = trace.getTracer('spec').startSpan('points.account Reserve');
    await context.with(trace.setSpan(context.active(), command), () =>
      store.append('probe-1', [{ id: randomUUID(), type: 'ProbeSent', data: { probeId: 'p-1', from: 'points', sentAt: '2030-03-04T08:00:00.000Z' }, metadata: { integration: true, version: 1, ...traceFields() } }]),
    );
    command.end();
    relay = new Relay({ service: 'tracing-spec', store, bus, topic, translate: publishMarkedIntegrationEvents, lease: soleLease, holder: 'spec' });
    relay.start();

    await waitFor('the consumer to handle the probe', () => handled.length > 0, 60_000);
    const traceId = command.spanContext().traceId;
    // The producer span ends on the broker's ack, which can come after the consumer has already handled the message.
    const ended = (kind: SpanKind) => exporter.getFinishedSpans().some((s) => s.spanContext().traceId === traceId && s.kind === kind);
    await waitFor('the publish and consume spans to end', () => ended(SpanKind.PRODUCER) && ended(SpanKind.CONSUMER), 30_000);
    expect(handled[0]!.traceId).toBe(traceId);
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const publish = spans.find((s) => s.kind === SpanKind.PRODUCER);
    const consume = spans.find((s) => s.kind === SpanKind.CONSUMER);
    expect(publish).toMatchObject({ name: `publish ${topic}`, attributes: { 'messaging.destination.name': topic, 'hope.event.type': 'ProbeSent' } });
    expect(publish!.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    expect(consume!.parentSpanContext?.spanId).toBe(publish!.spanContext().spanId);
  });
});
