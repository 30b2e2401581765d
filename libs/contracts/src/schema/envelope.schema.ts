import { integer, string, timestamp, type JsonSchema } from './json-schema';

/** The envelope every message value is (see envelope.ts and decodeEnvelope): `data` is the event type's payload. */
export const envelopeSchema: JsonSchema = {
  type: 'object',
  description: 'One integration event: enough metadata to order it, trace it (correlation/causation) and upcast it (type + version).',
  required: ['id', 'type', 'version', 'stream', 'occurredAt', 'correlationId', 'data'],
  properties: {
    id: { ...string, description: 'Event id: unique, stable across redeliveries (consumers deduplicate on it).' },
    type: { ...string, description: 'The integration event type.' },
    version: { ...integer({ min: 1 }), description: 'The version of the payload in `data`; consumers upcast older ones.' },
    stream: { ...string, description: "The producer's stream; also the message key, so one aggregate's events stay ordered." },
    revision: { ...integer({ min: 0 }), description: 'Revision in the stream, where known.' },
    position: { type: 'string', description: "Global position in the producer's store, as a decimal string." },
    occurredAt: timestamp,
    correlationId: { ...string, description: 'Follows a request and everything it causes across services.' },
    causationId: { type: 'string', description: 'The command or event that caused this one.' },
    data: { description: "The payload: see the event type's schema." },
  },
};
