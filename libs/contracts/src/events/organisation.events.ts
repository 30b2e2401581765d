import { PayloadReader } from '../payload';
import { EventPayloadError, type EventDefinition } from '../registry';
import type { LocalizedText } from './demand.events';
import { localizedText, object, oneOf, string, timestamp } from '../schema/json-schema';

/**
 * Organisations and their enterprise members, published by demand (which owns them, decision 0007) so
 * every other service can decide tenancy from membership it holds itself, never from a token's claim.
 * All three travel on the organisation's stream (the bus key), so one organisation's facts stay ordered.
 */
export const ORGANISATION_KINDS_V1 = ['business-unit', 'client', 'sme'] as const;

export interface OrganisationRegisteredV1 {
  organisationId: string;
  name: LocalizedText;
  kind: (typeof ORGANISATION_KINDS_V1)[number];
  registeredAt: string;
}

export interface MemberAddedV1 {
  organisationId: string;
  /** The member's token subject. */
  subject: string;
  role: 'enterprise';
  addedAt: string;
}

export interface MemberRemovedV1 {
  organisationId: string;
  subject: string;
  removedAt: string;
}

export const OrganisationRegistered: EventDefinition<OrganisationRegisteredV1> = {
  type: 'OrganisationRegistered',
  version: 1,
  schemas: { 1: object({ organisationId: string, name: localizedText(true), kind: oneOf(ORGANISATION_KINDS_V1), registeredAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('OrganisationRegistered', data);
    const name = r.object('name');
    const en = name.optionalString('en');
    const zh = name.optionalString('zh');
    if (en === undefined && zh === undefined) throw new EventPayloadError('OrganisationRegistered', 'name', 'must have an "en" or a "zh" text');
    return {
      organisationId: r.string('organisationId'),
      name: { ...(en !== undefined ? { en } : {}), ...(zh !== undefined ? { zh } : {}) },
      kind: r.oneOf('kind', ORGANISATION_KINDS_V1),
      registeredAt: r.timestamp('registeredAt'),
    };
  },
};

export const MemberAdded: EventDefinition<MemberAddedV1> = {
  type: 'MemberAdded',
  version: 1,
  schemas: { 1: object({ organisationId: string, subject: string, role: oneOf(['enterprise']), addedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('MemberAdded', data);
    return { organisationId: r.string('organisationId'), subject: r.string('subject'), role: r.oneOf('role', ['enterprise'] as const), addedAt: r.timestamp('addedAt') };
  },
};

export const MemberRemoved: EventDefinition<MemberRemovedV1> = {
  type: 'MemberRemoved',
  version: 1,
  schemas: { 1: object({ organisationId: string, subject: string, removedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('MemberRemoved', data);
    return { organisationId: r.string('organisationId'), subject: r.string('subject'), removedAt: r.timestamp('removedAt') };
  },
};

/** Every event the demand service publishes about organisations and their members. */
export const ORGANISATION_EVENTS: readonly EventDefinition<unknown>[] = [OrganisationRegistered, MemberAdded, MemberRemoved] as readonly EventDefinition<unknown>[];
