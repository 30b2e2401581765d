import { contractTranslator } from './contract-translator';

/**
 * The default translator: events a service appended already marked as integration events
 * (`metadata.integration = true`, `metadata.version`) are published as recorded; everything else stays
 * private. Services with their own contracts give the runtime a ContractMapper instead.
 */
export const publishMarkedIntegrationEvents = contractTranslator();
