import { publishMarkedIntegrationEvents, type IntegrationTranslator } from '@hope/messaging';
import { PUBLISHED_EVENT_TYPES } from './domain/account/account.events';

/**
 * The account's movements are published at contract v1 (their payloads are the contract's shape);
 * EarningDeclined stays inside: no other service has a use for it, and the registry does not know it.
 */
export const translatePointsEvents: IntegrationTranslator = (e) =>
  PUBLISHED_EVENT_TYPES.has(e.type) ? publishMarkedIntegrationEvents({ ...e, metadata: { ...e.metadata, integration: true, version: 1 } }) : undefined;
