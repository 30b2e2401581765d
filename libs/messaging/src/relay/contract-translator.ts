import type { EventEnvelope } from '@hope/contracts';
import { positionToString, type RecordedEvent } from '@hope/kernel';
import { checkProducedEvent } from './produced-event-check';
import type { IntegrationTranslator } from './relay';

/** An integration event as a service publishes it: the contract's type, version and payload. */
export interface PublishedContract {
  readonly type: string;
  readonly version: number;
  readonly data: unknown;
}

/** A service's mapping of its recorded domain events to contracts; undefined keeps an event private. */
export type ContractMapper = (event: RecordedEvent) => PublishedContract | undefined;

/**
 * Events appended already in contract shape (`metadata.integration = true`, with `metadata.version`),
 * like the platform's probes, are published as recorded.
 */
export const markedContract: ContractMapper = (e) =>
  e.metadata.integration === true ? { type: e.type, version: typeof e.metadata.version === 'number' ? e.metadata.version : 1, data: e.data } : undefined;

/**
 * The events of one commit share their recordedAt, and the relay reads them one after another: the last
 * date's ISO text is kept, as toISOString costs about as much as the rest of the envelope.
 */
let lastIso: { time: number; iso: string } | undefined;
const isoOf = (date: Date): string => {
  const time = date.getTime();
  if (lastIso?.time !== time) lastIso = { time, iso: date.toISOString() };
  return lastIso.iso;
};

/** The one place an envelope is built from a recorded event and its contract. */
export const envelopeOf = (e: RecordedEvent, contract: PublishedContract): EventEnvelope => {
  const correlationId = typeof e.metadata.correlationId === 'string' ? e.metadata.correlationId : e.id;
  const causationId = typeof e.metadata.causationId === 'string' ? e.metadata.causationId : undefined;
  const envelope: EventEnvelope = {
    id: e.id,
    type: contract.type,
    version: contract.version,
    stream: e.stream,
    revision: e.revision,
    position: positionToString(e.position),
    occurredAt: isoOf(e.recordedAt),
    correlationId,
    ...(causationId ? { causationId } : {}),
    data: contract.data,
  };
  checkProducedEvent(envelope);
  return envelope;
};

/**
 * The one translator shape: the service's mapper first, then the marked-event fallback (applied here
 * once, never by the services).
 */
export const contractTranslator =
  (mapper?: ContractMapper): IntegrationTranslator =>
  (e) => {
    const contract = mapper?.(e) ?? markedContract(e);
    return contract ? envelopeOf(e, contract) : undefined;
  };
