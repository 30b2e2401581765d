import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, ValidationError, type Principal } from '@hope/kernel';
import { OrganisationNotFound, organisationDecider, type OrganisationCommand } from './organisation.decide';
import type { OrganisationEvent } from './organisation.events';

const spec = DeciderSpecification.for(organisationDecider);
const now = new Date('2030-01-01T08:00:00.000Z');
const at = now.toISOString();
const op: Principal = { subject: 'op-1', role: 'operator' };
const alice: Principal = { subject: 'alice', role: 'enterprise', organisationId: 'org-haier' };
const analyst: Principal = { subject: 'an-1', role: 'analyst' };
const cmd = <T extends OrganisationCommand['type']>(type: T, data: Extract<OrganisationCommand, { type: T }>['data'], by: Principal = op) => ({ type, data, metadata: { now, by } }) as Extract<OrganisationCommand, { type: T }>;

const register = cmd('RegisterOrganisation', { organisationId: 'org-haier', name: { en: 'Haier Refrigeration', zh: '海尔冰箱' }, kind: 'business-unit' });
const registered: OrganisationEvent = { type: 'OrganisationRegistered', data: { organisationId: 'org-haier', name: { en: 'Haier Refrigeration', zh: '海尔冰箱' }, kind: 'business-unit', registeredBy: 'op-1', registeredAt: at } };
const added: OrganisationEvent = { type: 'MemberAdded', data: { organisationId: 'org-haier', subject: 'alice', role: 'enterprise', addedBy: 'op-1', addedAt: at } };
const removed: OrganisationEvent = { type: 'MemberRemoved', data: { organisationId: 'org-haier', subject: 'alice', removedBy: 'op-1', removedAt: at } };

describe('organisations and their members (operators manage them)', () => {
  it('an operator registers an organisation; the same registration again records nothing', () => {
    spec.given([]).when(register).then([registered]);
    spec.given([registered]).when(register).thenNothingHappened();
  });
  it('the same id with another name or kind is a conflict', () => {
    spec.given([registered]).when(cmd('RegisterOrganisation', { organisationId: 'org-haier', name: { en: 'Haier' }, kind: 'business-unit' })).thenThrows(IllegalStateError);
    spec.given([registered]).when(cmd('RegisterOrganisation', { organisationId: 'org-haier', name: { en: 'Haier Refrigeration', zh: '海尔冰箱' }, kind: 'client' })).thenThrows(IllegalStateError);
  });
  it('a name is required in en or zh', () => {
    spec.given([]).when(cmd('RegisterOrganisation', { organisationId: 'org-x', name: {}, kind: 'sme' })).thenThrows(ValidationError);
  });
  it('enterprise users and analysts manage nothing', () => {
    spec.given([]).when(cmd('RegisterOrganisation', register.data, alice)).thenThrows(ForbiddenError);
    spec.given([registered]).when(cmd('AddMember', { subject: 'bob' }, analyst)).thenThrows(ForbiddenError);
    spec.given([registered, added]).when(cmd('RemoveMember', { subject: 'alice' }, alice)).thenThrows(ForbiddenError);
  });
  it('members are added once and removed once; an unknown organisation has no members', () => {
    spec.given([registered]).when(cmd('AddMember', { subject: 'alice' })).then([added]);
    spec.given([registered, added]).when(cmd('AddMember', { subject: 'alice' })).thenNothingHappened();
    spec.given([registered, added]).when(cmd('RemoveMember', { subject: 'alice' })).then([removed]);
    spec.given([registered, added, removed]).when(cmd('RemoveMember', { subject: 'alice' })).thenNothingHappened();
    spec.given([registered, added, removed]).when(cmd('AddMember', { subject: 'alice' })).then([added]);
    spec.given([]).when(cmd('AddMember', { subject: 'alice' })).thenThrows(OrganisationNotFound);
    spec.given([]).when(cmd('RemoveMember', { subject: 'alice' })).thenThrows(OrganisationNotFound);
  });
});
