import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, isStaff, type Principal } from '@hope/kernel';
import { hasTitle, sameFields, type ResourceFields } from './resource';

/** Who acted, as the event keeps it (never a token: the subject, the role, the organisation it acted for). */
export interface Actor {
  readonly subject: string;
  readonly role: Principal['role'];
  readonly organisationId?: string;
}

export type ResourceEvent =
  | {
      type: 'ResourceRegistered';
      data: ResourceFields & { resourceId: string; ownerOrganisationId: string; externalKey?: string; registeredBy: Actor; registeredAt: string };
    }
  | { type: 'ResourceRevised'; data: ResourceFields & { resourceId: string; revisedBy: Actor; revisedAt: string } }
  | { type: 'ResourceWithdrawn'; data: { resourceId: string; withdrawnBy: Actor; withdrawnAt: string; reason?: string } }
  | {
      type: 'ResourceEnquirySent';
      data: { resourceId: string; enquiryId: string; ownerOrganisationId: string; from: Actor; message: string; sentAt: string };
    };

export const RESOURCE_EVENT_TYPES: readonly ResourceEvent['type'][] = ['ResourceRegistered', 'ResourceRevised', 'ResourceWithdrawn', 'ResourceEnquirySent'];

type Meta = { now: Date };

/**
 * Register (REST), import (one row of a bulk import: registers, revises what changed, or does nothing
 * when the row says what the resource already says), revise (absent fields unchanged), withdraw, and
 * an enquiry through the platform to the owning organisation.
 */
export type ResourceCommand =
  | { type: 'RegisterResource'; data: { resourceId: string; ownerOrganisationId: string; fields: ResourceFields; by: Actor }; metadata: Meta }
  | { type: 'ImportResource'; data: { resourceId: string; ownerOrganisationId: string; externalKey: string; fields: ResourceFields; by: Actor }; metadata: Meta }
  | { type: 'ReviseResource'; data: { resourceId: string; changes: Partial<ResourceFields>; by: Actor }; metadata: Meta }
  | { type: 'WithdrawResource'; data: { resourceId: string; reason?: string; by: Actor }; metadata: Meta }
  | { type: 'SendResourceEnquiry'; data: { resourceId: string; enquiryId: string; message: string; from: Actor }; metadata: Meta };

export type Resource =
  | { status: 'none' }
  | { status: 'active' | 'withdrawn'; resourceId: string; ownerOrganisationId: string; externalKey?: string; fields: ResourceFields; enquiries: number };

export const initialState: Resource = { status: 'none' };

/** The owning organisation's members (the platform's tenancy gate has verified the token's organisation) and staff. */
export const mayManage = (who: Actor, ownerOrganisationId: string): boolean => isStaff(who) || (who.role === 'enterprise' && who.organisationId === ownerOrganisationId);

const assertMayManage = (who: Actor, ownerOrganisationId: string, resourceId: string): void => {
  if (!mayManage(who, ownerOrganisationId)) throw new ForbiddenError('RESOURCE.NOT_YOURS', `Only members of organisation ${ownerOrganisationId} or staff may change resource ${resourceId}`);
};

const assertTitled = (fields: ResourceFields): void => {
  if (!hasTitle(fields.title)) throw new ValidationError('RESOURCE.TITLE_REQUIRED', 'A resource needs a title in Chinese or English', [{ field: 'title', reason: 'needs zh or en' }]);
};

const registered = (cmd: { data: { resourceId: string; ownerOrganisationId: string; fields: ResourceFields; by: Actor; externalKey?: string }; metadata: Meta }): ResourceEvent => ({
  type: 'ResourceRegistered',
  data: {
    resourceId: cmd.data.resourceId,
    ownerOrganisationId: cmd.data.ownerOrganisationId,
    ...cmd.data.fields,
    ...(cmd.data.externalKey !== undefined ? { externalKey: cmd.data.externalKey } : {}),
    registeredBy: cmd.data.by,
    registeredAt: cmd.metadata.now.toISOString(),
  },
});

const revised = (resourceId: string, fields: ResourceFields, by: Actor, now: Date): ResourceEvent => ({
  type: 'ResourceRevised',
  data: { resourceId, ...fields, revisedBy: by, revisedAt: now.toISOString() },
});

export const decide = (cmd: ResourceCommand, s: Resource): ResourceEvent[] => {
  const { resourceId } = cmd.data;
  switch (cmd.type) {
    case 'RegisterResource':
      assertMayManage(cmd.data.by, cmd.data.ownerOrganisationId, resourceId);
      if (s.status !== 'none') throw new IllegalStateError('RESOURCE.EXISTS', `Resource ${resourceId} is already registered`);
      assertTitled(cmd.data.fields);
      return [registered(cmd)];
    case 'ImportResource': {
      assertMayManage(cmd.data.by, cmd.data.ownerOrganisationId, resourceId);
      assertTitled(cmd.data.fields);
      if (s.status === 'none') return [registered(cmd)];
      if (s.status === 'withdrawn') throw new IllegalStateError('RESOURCE.WITHDRAWN', `Resource ${resourceId} (${cmd.data.externalKey}) was withdrawn; it is not imported again`);
      return sameFields(s.fields, cmd.data.fields) ? [] : [revised(resourceId, cmd.data.fields, cmd.data.by, cmd.metadata.now)];
    }
    case 'ReviseResource': {
      if (s.status === 'none') throw new NotFoundError('RESOURCE.NOT_FOUND', `No resource ${resourceId}`);
      assertMayManage(cmd.data.by, s.ownerOrganisationId, resourceId);
      if (s.status === 'withdrawn') throw new IllegalStateError('RESOURCE.WITHDRAWN', `Resource ${resourceId} was withdrawn`);
      const fields: ResourceFields = { ...s.fields, ...cmd.data.changes };
      assertTitled(fields);
      return sameFields(s.fields, fields) ? [] : [revised(resourceId, fields, cmd.data.by, cmd.metadata.now)];
    }
    case 'WithdrawResource':
      if (s.status === 'none') throw new NotFoundError('RESOURCE.NOT_FOUND', `No resource ${resourceId}`);
      assertMayManage(cmd.data.by, s.ownerOrganisationId, resourceId);
      if (s.status === 'withdrawn') return [];
      return [
        {
          type: 'ResourceWithdrawn',
          data: { resourceId, withdrawnBy: cmd.data.by, withdrawnAt: cmd.metadata.now.toISOString(), ...(cmd.data.reason !== undefined ? { reason: cmd.data.reason } : {}) },
        },
      ];
    case 'SendResourceEnquiry':
      if (s.status === 'none') throw new NotFoundError('RESOURCE.NOT_FOUND', `No resource ${resourceId}`);
      if (s.status === 'withdrawn') throw new IllegalStateError('RESOURCE.WITHDRAWN', `Resource ${resourceId} was withdrawn`);
      return [
        {
          type: 'ResourceEnquirySent',
          data: { resourceId, enquiryId: cmd.data.enquiryId, ownerOrganisationId: s.ownerOrganisationId, from: cmd.data.from, message: cmd.data.message, sentAt: cmd.metadata.now.toISOString() },
        },
      ];
  }
};

const fieldsOf = (d: ResourceFields): ResourceFields => ({
  kind: d.kind,
  title: d.title,
  description: d.description,
  capabilities: d.capabilities,
  trl: d.trl,
  ipStatus: d.ipStatus,
  region: d.region,
});

export const evolve = (s: Resource, e: ResourceEvent): Resource => {
  switch (e.type) {
    case 'ResourceRegistered':
      return {
        status: 'active',
        resourceId: e.data.resourceId,
        ownerOrganisationId: e.data.ownerOrganisationId,
        ...(e.data.externalKey !== undefined ? { externalKey: e.data.externalKey } : {}),
        fields: fieldsOf(e.data),
        enquiries: 0,
      };
    case 'ResourceRevised':
      return s.status === 'none' ? s : { ...s, fields: fieldsOf(e.data) };
    case 'ResourceWithdrawn':
      return s.status === 'none' ? s : { ...s, status: 'withdrawn' };
    case 'ResourceEnquirySent':
      return s.status === 'none' ? s : { ...s, enquiries: s.enquiries + 1 };
    default:
      return s;
  }
};

export const resourceDecider = { decide, evolve, initialState };
export const resourceStream = (resourceId: string): string => `resource-${resourceId}`;
