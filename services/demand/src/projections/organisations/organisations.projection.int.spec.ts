import Database from 'better-sqlite3';
import type { RecordedEvent } from '@hope/eventstore';
import type { OrganisationEvent } from '../../domain/organisation/organisation.events';
import { findOrganisation, isMember, listOrganisations, organisationsProjection } from './organisations.projection';

let position = 0;
const recorded = (e: OrganisationEvent): RecordedEvent =>
  ({ id: `e-${++position}`, stream: `organisation-${e.data.organisationId}`, revision: 0, position: { commit: BigInt(position), prepare: BigInt(position) }, type: e.type, data: e.data, metadata: {}, recordedAt: new Date(0) }) as unknown as RecordedEvent;
const at = '2030-01-01T00:00:00.000Z';
const registered = (organisationId: string): OrganisationEvent => ({ type: 'OrganisationRegistered', data: { organisationId, name: { en: organisationId, zh: '组织' }, kind: 'client', registeredBy: 'op', registeredAt: at } });
const added = (organisationId: string, subject: string): OrganisationEvent => ({ type: 'MemberAdded', data: { organisationId, subject, role: 'enterprise', addedBy: 'op', addedAt: at } });
const removed = (organisationId: string, subject: string): OrganisationEvent => ({ type: 'MemberRemoved', data: { organisationId, subject, removedBy: 'op', removedAt: at } });

const fold = (events: OrganisationEvent[]) => {
  const db = new Database(':memory:');
  db.exec(organisationsProjection.schema);
  for (const e of events) organisationsProjection.apply(db, recorded(e));
  return db;
};

describe('organisations projection: given events, then organisations and current members', () => {
  const events = [registered('org-a'), registered('org-b'), added('org-a', 'alice'), added('org-a', 'carol'), added('org-b', 'alice'), removed('org-a', 'carol'), added('org-a', 'alice')];

  it('keeps current members only; a removal takes the member out, a repeated addition changes nothing', () => {
    const db = fold(events);
    expect(findOrganisation(db, 'org-a')).toEqual({ organisationId: 'org-a', name: { en: 'org-a', zh: '组织' }, kind: 'client', registeredAt: at, members: [{ subject: 'alice', role: 'enterprise', addedAt: at }] });
    expect(isMember(db, 'org-a', 'alice')).toBe(true);
    expect(isMember(db, 'org-a', 'carol')).toBe(false);
    expect(isMember(db, 'org-b', 'alice')).toBe(true);
    expect(isMember(db, 'org-c', 'alice')).toBe(false);
    expect(findOrganisation(db, 'org-c')).toBeUndefined();
  });

  it('lists organisations by id with a cursor', () => {
    const db = fold(events);
    const first = listOrganisations(db, 1);
    expect(first.items.map((o) => o.organisationId)).toEqual(['org-a']);
    expect(listOrganisations(db, 1, first.nextCursor).items.map((o) => o.organisationId)).toEqual(['org-b']);
    expect(listOrganisations(db, 1, first.nextCursor).nextCursor).toBeUndefined();
  });
});
