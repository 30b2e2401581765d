export * from './bus.port';
export { backoffDelay, deadLetter, isRetriableByDefault } from './delivery';
export type { DeadLetterKind } from './delivery';
export { InProcessBus } from './in-process/in-process.bus';
export type { InProcessBusOptions } from './in-process/in-process.bus';
export { partitionForKey } from './in-process/partition-for-key';
export { KafkaBus, MissingManagedTopicsError } from './kafka/kafka.bus';
export type { KafkaBusOptions } from './kafka/kafka.bus';
export type { KafkaConsumerTuning } from './kafka/kafka-consumer';
