import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@hope/kernel';
import { DeciderSpecification } from '@hope/kernel/testing';
import type { ResourceFields } from './resource';
import { resourceDecider, type Actor, type ResourceCommand, type ResourceEvent } from './resource.decide';

const now = new Date('2026-06-01T00:00:00Z');
const at = now.toISOString();
const acme: Actor = { subject: 'alice', role: 'enterprise', organisationId: 'acme' };
const globex: Actor = { subject: 'mallory', role: 'enterprise', organisationId: 'globex' };
const op: Actor = { subject: 'op', role: 'operator' };
const fields: ResourceFields = {
  kind: 'patent',
  title: { zh: '低噪音压缩机', en: 'Low-noise compressor' },
  description: { en: 'A scroll compressor with a damped discharge' },
  capabilities: ['noise reduction', 'scroll compressor'],
  trl: 6,
  ipStatus: 'granted',
  region: 'CN-37',
};
const registered = (extra: Partial<Extract<ResourceEvent, { type: 'ResourceRegistered' }>['data']> = {}): ResourceEvent => ({
  type: 'ResourceRegistered',
  data: { resourceId: 'r1', ownerOrganisationId: 'acme', ...fields, registeredBy: acme, registeredAt: at, ...extra },
});
const revisedTo = (f: ResourceFields, by: Actor = acme): ResourceEvent => ({ type: 'ResourceRevised', data: { resourceId: 'r1', ...f, revisedBy: by, revisedAt: at } });
const register = (by: Actor, f: ResourceFields = fields): ResourceCommand => ({ type: 'RegisterResource', data: { resourceId: 'r1', ownerOrganisationId: 'acme', fields: f, by }, metadata: { now } });
const importRow = (f: ResourceFields, by: Actor = acme): ResourceCommand => ({
  type: 'ImportResource',
  data: { resourceId: 'r1', ownerOrganisationId: 'acme', externalKey: 'PAT-1', fields: f, by },
  metadata: { now },
});
const revise = (changes: Partial<ResourceFields>, by: Actor = acme): ResourceCommand => ({ type: 'ReviseResource', data: { resourceId: 'r1', changes, by }, metadata: { now } });
const withdraw = (by: Actor = acme): ResourceCommand => ({ type: 'WithdrawResource', data: { resourceId: 'r1', by }, metadata: { now } });
const withdrawn: ResourceEvent = { type: 'ResourceWithdrawn', data: { resourceId: 'r1', withdrawnBy: acme, withdrawnAt: at } };

describe('resource: register, import, revise, withdraw, enquire', () => {
  const spec = DeciderSpecification.for(resourceDecider);

  it('a member of the owning organisation or staff registers; another organisation or an expert may not', () => {
    spec.given([]).when(register(acme)).then([registered()]);
    spec.given([]).when(register(op)).then([registered({ registeredBy: op })]);
    spec.given([]).when(register(globex)).thenThrows(ForbiddenError);
    spec.given([]).when(register({ subject: 'e1', role: 'expert' })).thenThrows(ForbiddenError);
    spec.given([registered()]).when(register(acme)).thenThrows(IllegalStateError);
  });

  it('a title in at least one language is required, also after a revision', () => {
    spec.given([]).when(register(acme, { ...fields, title: {} })).thenThrows(ValidationError);
    spec.given([registered()]).when(revise({ title: { zh: '  ' } })).thenThrows(ValidationError);
  });

  it('an imported row registers, re-importing it changes nothing, a changed row revises', () => {
    spec.given([]).when(importRow(fields)).then([registered({ externalKey: 'PAT-1' })]);
    spec.given([registered({ externalKey: 'PAT-1' })]).when(importRow(fields)).thenNothingHappened();
    spec.given([registered({ externalKey: 'PAT-1' })]).when(importRow({ ...fields, trl: 7 })).then([revisedTo({ ...fields, trl: 7 })]);
    spec.given([registered(), withdrawn]).when(importRow(fields)).thenThrows(IllegalStateError);
    spec.given([registered()]).when(importRow(fields, globex)).thenThrows(ForbiddenError);
  });

  it('a revision changes the fields given and keeps the others; the same values again are no change', () => {
    spec.given([registered()]).when(revise({ trl: 8, region: 'DE' })).then([revisedTo({ ...fields, trl: 8, region: 'DE' })]);
    spec.given([registered()]).when(revise({ trl: 6 })).thenNothingHappened();
    spec.given([registered()]).when(revise({ trl: 8 }, op)).then([revisedTo({ ...fields, trl: 8 }, op)]);
  });

  it('another organisation cannot revise or withdraw; a missing resource is not found; a withdrawn one is not revised', () => {
    spec.given([registered()]).when(revise({ trl: 8 }, globex)).thenThrows(ForbiddenError);
    spec.given([registered()]).when(withdraw(globex)).thenThrows(ForbiddenError);
    spec.given([]).when(revise({ trl: 8 })).thenThrows(NotFoundError);
    spec.given([registered(), withdrawn]).when(revise({ trl: 8 })).thenThrows(IllegalStateError);
    spec.given([registered()]).when(withdraw()).then([withdrawn]);
    spec.given([registered(), withdrawn]).when(withdraw()).thenNothingHappened();
  });

  it('an enquiry goes to the owning organisation through the platform, not to a withdrawn resource', () => {
    const from: Actor = { subject: 'bob', role: 'enterprise', organisationId: 'globex' };
    const enquire: ResourceCommand = { type: 'SendResourceEnquiry', data: { resourceId: 'r1', enquiryId: 'q1', message: 'Licensing terms?', from }, metadata: { now } };
    spec
      .given([registered()])
      .when(enquire)
      .then([{ type: 'ResourceEnquirySent', data: { resourceId: 'r1', enquiryId: 'q1', ownerOrganisationId: 'acme', from, message: 'Licensing terms?', sentAt: at } }]);
    spec.given([registered(), withdrawn]).when(enquire).thenThrows(IllegalStateError);
    spec.given([]).when(enquire).thenThrows(NotFoundError);
  });
});
