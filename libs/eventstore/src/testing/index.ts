export { describeEventStoreContract, type EventStoreContractFixture } from './event-store.contract';
export * from './event-store.fixtures';
export { DeciderSpecification } from '@hope/kernel/testing';
export { projectionSpec, type GivenEvent } from './projection-spec';
