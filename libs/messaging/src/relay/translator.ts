import type { EventEnvelope } from '@hope/contracts';
import { positionToString, type RecordedEvent } from '@hope/eventstore';
import type { IntegrationTranslator } from './relay';

/**
 * The default translator: a service marks the events it appends as integration events with
 * `metadata.integration = true` and `metadata.version`; those are published as they were recorded.
 * Internal domain events stay private. A service whose domain events differ from its contract
 * passes its own translator instead.
 */
export const publishMarkedIntegrationEvents: IntegrationTranslator = (e: RecordedEvent): EventEnvelope | undefined => {
  if (e.metadata.integration !== true) return undefined;
  const correlationId = typeof e.metadata.correlationId === 'string' ? e.metadata.correlationId : e.id;
  const causationId = typeof e.metadata.causationId === 'string' ? e.metadata.causationId : undefined;
  return {
    id: e.id,
    type: e.type,
    version: typeof e.metadata.version === 'number' ? e.metadata.version : 1,
    stream: e.stream,
    revision: e.revision,
    position: positionToString(e.position),
    occurredAt: e.recordedAt.toISOString(),
    correlationId,
    ...(causationId ? { causationId } : {}),
    data: e.data,
  };
};
