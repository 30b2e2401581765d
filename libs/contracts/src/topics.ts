/** One topic per producing service; the key is the stream id. */
export const Topics = {
  demand: 'hope.demand.events',
  matching: 'hope.matching.events',
  consulting: 'hope.consulting.events',
  points: 'hope.points.events',
} as const;

export type ServiceName = keyof typeof Topics;
export type Topic = (typeof Topics)[ServiceName];
export const SERVICE_NAMES = Object.keys(Topics) as ServiceName[];

/** Messages that failed for good land here with the error in their headers. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Header names every producer sets, so consumers can route before decoding the value. */
export const Headers = {
  eventId: 'hope-event-id',
  eventType: 'hope-event-type',
  eventVersion: 'hope-event-version',
  correlationId: 'hope-correlation-id',
  causationId: 'hope-causation-id',
  error: 'hope-error',
  errorKind: 'hope-error-kind',
  originalTopic: 'hope-original-topic',
  originalPartition: 'hope-original-partition',
  originalOffset: 'hope-original-offset',
  attempts: 'hope-attempts',
  /** The consumer group that gave up on the message (a topic's dead letters mix every group's). */
  consumerGroup: 'hope-consumer-group',
} as const;
