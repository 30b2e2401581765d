export * from './bus';
export { Relay, relayCheckpointName, toMessage, type IntegrationTranslator, type RelayOptions } from './relay/relay';
export { publishMarkedIntegrationEvents } from './relay/translator';
export { contractTranslator, envelopeOf, markedContract, type ContractMapper, type PublishedContract } from './relay/contract-translator';
export { soleLease, type LeaseProvider } from './relay/lease';
export { Batcher } from '@hope/eventstore';
export { IntegrationEventTransport, IntegrationEventContext, RethrowRpcErrors, type EventTransportOptions } from './nest/event-transport';
export * from './tracing';
