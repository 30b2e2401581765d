export { describeBusContract, useBus } from './bus.contract';
export type { BusContext, BusContractOptions, BusFactory } from './bus.contract';
export { connectBus, TEST_KAFKA_TUNING } from './bus-under-test';
export type { BusConnection, BusUnderTest } from './bus-under-test';
export { Deliveries, deferred, delay, uniqueName, waitFor } from './bus-test-kit';
export { kafkaUnavailable, testKafkaBrokers } from './kafka-availability';
