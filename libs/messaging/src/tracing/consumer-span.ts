import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { EventEnvelope } from '@hope/contracts';
import type { IncomingMessage } from '../bus/bus.port';
import { contextFrom, tracer } from './trace-context';

/**
 * A consumer's handling of one message as a CONSUMER span, continuing the trace in the message's
 * headers (the relay's publish span); the handler runs inside it, so the events it appends and the
 * calls it makes carry the trace further. A no-op span when no SDK is registered.
 */
export function withConsumerSpan<T>(groupId: string, message: IncomingMessage, envelope: EventEnvelope, run: () => Promise<T>): Promise<T> {
  const parent = contextFrom(message.headers, context.active());
  const span = tracer().startSpan(
    `process ${message.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': message.topic,
        'messaging.consumer.group.name': groupId,
        'messaging.message.id': envelope.id,
        'messaging.kafka.offset': Number(message.offset),
        'hope.event.type': envelope.type,
        'hope.service': groupId,
        'hope.attempt': message.attempt,
      },
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await run();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
