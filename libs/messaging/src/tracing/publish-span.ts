import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { EventEnvelope } from '@hope/contracts';
import type { RecordedEvent } from '@hope/kernel';
import type { MessageBus, OutgoingMessage } from '../bus/bus.port';
import { contextFrom, hasTraceContext, traceFields, tracer } from './trace-context';

/**
 * The relay's part of a trace: each event appended inside a trace (its metadata carries `traceparent`,
 * see decision 0028) gets a PRODUCER span, child of the command that appended it, ended when the broker
 * acknowledged the batch; the message's headers carry that span's context to the consumers. Events
 * without a trace context are published untouched, without a span.
 */
export function prepareTraced(
  topic: string,
  batch: readonly RecordedEvent[],
  translate: (event: RecordedEvent) => EventEnvelope | undefined,
  toMessage: (envelope: EventEnvelope, recorded: RecordedEvent) => OutgoingMessage,
): { count: number; publish(bus: MessageBus): Promise<number> } {
  const spans: Span[] = [];
  const messages: OutgoingMessage[] = [];
  for (const event of batch) {
    const envelope = translate(event);
    if (!envelope) continue;
    const message = toMessage(envelope, event);
    if (!hasTraceContext(event.metadata)) {
      messages.push(message);
      continue;
    }
    const span = tracer().startSpan(
      `publish ${topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': topic, 'messaging.message.id': envelope.id, 'messaging.kafka.message.key': envelope.stream, 'hope.event.type': envelope.type },
      },
      contextFrom(event.metadata),
    );
    spans.push(span);
    messages.push({ ...message, headers: { ...message.headers, ...traceFields(trace.setSpan(contextFrom(event.metadata), span)) } });
  }
  return {
    count: messages.length,
    async publish(bus) {
      try {
        if (messages.length > 0) await bus.publish(topic, messages);
      } catch (error) {
        for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) }).end();
        throw error;
      }
      for (const span of spans) span.end();
      return messages.length;
    },
  };
}

/** Translates and publishes one batch at once (see `prepareTraced`, which the pipelined relay uses to translate ahead of the send). */
export function publishTraced(
  bus: MessageBus,
  topic: string,
  batch: readonly RecordedEvent[],
  translate: (event: RecordedEvent) => EventEnvelope | undefined,
  toMessage: (envelope: EventEnvelope, recorded: RecordedEvent) => OutgoingMessage,
): Promise<number> {
  return prepareTraced(topic, batch, translate, toMessage).publish(bus);
}
