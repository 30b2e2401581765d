import { createEventRegistry, deadLetterTopic, envelopeSchema, Headers, PUBLISHED_EVENTS, SERVICE_NAMES, Topics, type EventDefinition, type JsonSchema, type ServiceName } from '@hope/contracts';

/**
 * The AsyncAPI 3 document of HOPE's integration events, built from the contracts registry: one
 * channel per topic (and its dead-letter topic), one message per event type and version with the
 * envelope and the payload's JSON Schema, one `send` operation per producing service. What
 * `npm run asyncapi:generate` writes to docs/asyncapi.yaml; a spec fails when the file drifts.
 */

/** W3C trace-context headers the relay sets when the event was appended inside a trace (decision 0028). */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

const ref = (path: string) => ({ $ref: `#/${path}` });
const messageId = (type: string, version: number) => `${type}.v${version}`;
const channelId = (service: ServiceName) => `${service}Events`;
const deadLetterChannelId = (service: ServiceName) => `${service}DeadLetters`;

const headerSchema = (type: string, version: number): JsonSchema => ({
  type: 'object',
  required: [Headers.eventId, Headers.eventType, Headers.eventVersion, Headers.correlationId],
  properties: {
    [Headers.eventId]: { type: 'string', description: 'The envelope id (consumers deduplicate on it).' },
    [Headers.eventType]: { type: 'string', const: type },
    [Headers.eventVersion]: { type: 'string', const: String(version) },
    [Headers.correlationId]: { type: 'string' },
    [Headers.causationId]: { type: 'string' },
    traceparent: { type: 'string', description: 'W3C trace context of the relay publish span, when the event was appended inside a trace.' },
    tracestate: { type: 'string', description: 'W3C trace state, with traceparent.' },
  },
});

const deadLetterHeaders: JsonSchema = {
  type: 'object',
  description: 'The original headers, plus why the consumer group gave up and where the message came from.',
  required: [Headers.error, Headers.errorKind, Headers.originalTopic, Headers.originalPartition, Headers.originalOffset, Headers.attempts, Headers.consumerGroup],
  properties: {
    [Headers.error]: { type: 'string' },
    [Headers.errorKind]: { type: 'string', enum: ['non-retriable', 'retries-exhausted'] },
    [Headers.originalTopic]: { type: 'string' },
    [Headers.originalPartition]: { type: 'string' },
    [Headers.originalOffset]: { type: 'string' },
    [Headers.attempts]: { type: 'string' },
    [Headers.consumerGroup]: { type: 'string', description: 'The consuming service (consumer groups are named after it).' },
  },
};

const kafkaKey = { kafka: { key: { type: 'string', description: 'The stream id (`<category>-<id>`): one aggregate, one partition, in order.' }, bindingVersion: '0.5.0' } };

/** Every version of a type, oldest first: current producers send the last; stores and topics may hold older ones. */
const versionsOf = (d: EventDefinition<unknown>): number[] => Array.from({ length: d.version }, (_, i) => i + 1);

function message(d: EventDefinition<unknown>, version: number) {
  const current = version === d.version;
  return {
    name: d.type,
    title: `${d.type} v${version}`,
    summary: current ? `${d.type}, current version ${version}.` : `${d.type} v${version}: no longer produced; consumers upcast it to v${d.version} when they read it.`,
    contentType: 'application/json',
    headers: headerSchema(d.type, version),
    payload: {
      allOf: [
        ref('components/schemas/EventEnvelope'),
        { type: 'object', properties: { type: { const: d.type }, version: { const: version }, data: ref(`components/schemas/${messageId(d.type, version)}`) } },
      ],
    },
    bindings: kafkaKey,
    'x-hope-current': current,
  };
}

export function buildAsyncApiDocument(): Record<string, unknown> {
  const registry = createEventRegistry();
  const schemas: Record<string, unknown> = { EventEnvelope: envelopeSchema };
  const messages: Record<string, unknown> = {
    DeadLetter: {
      name: 'DeadLetter',
      title: 'A message a consumer group gave up on',
      summary: 'Same key and value as on the original topic; the error in the headers. Replayed from /ops/dead-letters.',
      contentType: 'application/json',
      headers: deadLetterHeaders,
      payload: ref('components/schemas/EventEnvelope'),
      bindings: kafkaKey,
    },
  };
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};

  for (const service of SERVICE_NAMES) {
    const channelMessages: Record<string, unknown> = {};
    for (const published of PUBLISHED_EVENTS[service]) {
      const d = registry.definition(published.type);
      for (const version of versionsOf(d)) {
        const id = messageId(d.type, version);
        const schema = d.schemas?.[version];
        if (!schema) throw new Error(`${id} has no JSON Schema: add it next to the contract's definition`);
        schemas[id] = schema;
        messages[id] = message(d, version);
        channelMessages[id] = ref(`components/messages/${id}`);
      }
    }
    channels[channelId(service)] = {
      address: Topics[service],
      title: `${service} events`,
      description: `What the ${service} service publishes, from its own event store through its relay (at least once, in store order per key). Every other service consumes it in a consumer group named after itself.`,
      messages: channelMessages,
    };
    channels[deadLetterChannelId(service)] = {
      address: deadLetterTopic(Topics[service]),
      title: `${service} dead letters`,
      description: `Messages of ${Topics[service]} that a consumer group could not handle (malformed, unknown, or failing after retries).`,
      messages: { DeadLetter: ref('components/messages/DeadLetter') },
    };
    operations[`${service}Publishes`] = {
      action: 'send',
      title: `${service} publishes its events`,
      channel: ref(`channels/${channelId(service)}`),
      messages: Object.keys(channelMessages).map((id) => ref(`channels/${channelId(service)}/messages/${id}`)),
    };
    operations[`${service}DeadLetters`] = {
      action: 'send',
      title: `Consumers of ${Topics[service]} dead-letter what they give up on`,
      channel: ref(`channels/${deadLetterChannelId(service)}`),
      messages: [ref(`channels/${deadLetterChannelId(service)}/messages/DeadLetter`)],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'HOPE integration events',
      version: '1.0.0',
      description:
        'Generated from the contracts registry (libs/contracts) by `npm run asyncapi:generate`; do not edit. One topic per producing service, key = stream id; every message value is an EventEnvelope whose `data` is the payload of its type and version.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: { host: 'localhost:9092', protocol: 'kafka', description: 'The brokers configured by KAFKA_BROKERS (embedded mode uses an in-process log with the same topics).' },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}
