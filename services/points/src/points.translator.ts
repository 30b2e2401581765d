import { publishMarkedIntegrationEvents, type IntegrationTranslator } from '@hope/messaging';
import { PUBLISHED_EVENT_TYPES } from './domain/account/account.events';

/** The account's movements and the operators' rule and catalogue changes, at contract v1. */
const PUBLISHED: ReadonlySet<string> = new Set([...PUBLISHED_EVENT_TYPES, 'RulesChanged', 'CatalogueChanged']);

/**
 * Published payloads are the contract's shape. EarningDeclined and the quota streams' events stay
 * inside: no other service has a use for them, and the registry does not know them.
 */
export const translatePointsEvents: IntegrationTranslator = (e) =>
  PUBLISHED.has(e.type) ? publishMarkedIntegrationEvents({ ...e, metadata: { ...e.metadata, integration: true, version: 1 } }) : undefined;
