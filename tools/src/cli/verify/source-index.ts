import type { EventStore, RecordedEvent } from '@hope/eventstore';
import { publishMarkedIntegrationEvents, type IntegrationTranslator } from '@hope/messaging';

/** What an earning or a reversal may name as its source: one integration event a service published (or will). */
export interface SourceEvent {
  readonly id: string;
  readonly service: string;
  /** The contract type (ConsultationCompleted, not the internal InterviewCompleted). */
  readonly type: string;
  readonly stream: string;
}

/** Something a service said took back what a source earned: `proposal:<id>` or `invitation:<id>`. */
export interface Retraction {
  readonly key: string;
  readonly eventId: string;
  readonly type: string;
  /** The accounts whose earnings under this key must be reversed. */
  readonly expertIds: readonly string[];
}

export interface SourceIndex {
  readonly events: ReadonlyMap<string, SourceEvent>;
  readonly retractions: ReadonlyMap<string, Retraction>;
  /** Events per service that the translator refused (a mapping bug; they were never published either). */
  readonly untranslatable: readonly { service: string; id: string; type: string; error: string }[];
}

export interface SourceStore {
  readonly service: string;
  readonly store: EventStore;
  readonly translate?: IntegrationTranslator;
}

/** Which integration events retract earnings, and whose: the same rules points applies (services/points README). */
function retractionOf(type: string, data: Record<string, unknown>): Omit<Retraction, 'eventId' | 'type'> | undefined {
  const s = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : undefined);
  switch (type) {
    case 'ProposalWithdrawn':
      return s('proposalId') ? { key: `proposal:${s('proposalId')}`, expertIds: [s('expertId')].filter((x): x is string => !!x) } : undefined;
    case 'ProposalRejected':
      // Only plagiarism retracts; an off-topic clue keeps what it earned.
      return data.reason === 'plagiarism' && s('proposalId') ? { key: `proposal:${s('proposalId')}`, expertIds: [s('expertId')].filter((x): x is string => !!x) } : undefined;
    case 'InvitationFraudDetected':
      return s('invitationId') ? { key: `invitation:${s('invitationId')}`, expertIds: [s('inviterId'), s('inviteeId')].filter((x): x is string => !!x) } : undefined;
    default:
      return undefined;
  }
}

/**
 * Reads the source services' stores and indexes every event they publish, by id, under its contract
 * type: the relay publishes a recorded event under its own id, so an earning's `sourceEventId` is the
 * id of an event in exactly one of these stores. Reading the store (not the topic) means a source the
 * service never recorded cannot hide behind a message someone injected into Kafka.
 */
export async function indexSources(sources: readonly SourceStore[]): Promise<SourceIndex> {
  const events = new Map<string, SourceEvent>();
  const retractions = new Map<string, Retraction>();
  const untranslatable: { service: string; id: string; type: string; error: string }[] = [];
  for (const { service, store, translate } of sources) {
    for await (const recorded of store.readAll()) {
      if (events.has(recorded.id)) continue;
      let envelope;
      try {
        envelope = (translate ?? publishMarkedIntegrationEvents)(recorded as RecordedEvent);
      } catch (error) {
        untranslatable.push({ service, id: recorded.id, type: recorded.type, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (!envelope) continue;
      events.set(recorded.id, { id: recorded.id, service, type: envelope.type, stream: recorded.stream });
      const retraction = retractionOf(envelope.type, envelope.data as Record<string, unknown>);
      if (retraction && !retractions.has(retraction.key)) retractions.set(retraction.key, { ...retraction, eventId: recorded.id, type: envelope.type });
    }
  }
  return { events, retractions, untranslatable };
}
