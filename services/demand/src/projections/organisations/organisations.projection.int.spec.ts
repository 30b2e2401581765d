import { projectionSpec, type GivenEvent } from '@hope/eventstore/testing';
import type { OrganisationEvent } from '../../domain/organisation/organisation.events';
import { organisationsProjection } from './organisations.projection';
import { SqliteOrganisationQueries } from './organisations.queries';

const given = (e: OrganisationEvent): GivenEvent => ({ stream: `organisation-${e.data.organisationId}`, type: e.type, data: e.data });
const at = '2030-01-01T00:00:00.000Z';
const registered = (organisationId: string): OrganisationEvent => ({ type: 'OrganisationRegistered', data: { organisationId, name: { en: organisationId, zh: '组织' }, kind: 'client', registeredBy: 'op', registeredAt: at } });
const added = (organisationId: string, subject: string): OrganisationEvent => ({ type: 'MemberAdded', data: { organisationId, subject, role: 'enterprise', addedBy: 'op', addedAt: at } });
const removed = (organisationId: string, subject: string): OrganisationEvent => ({ type: 'MemberRemoved', data: { organisationId, subject, removedBy: 'op', removedAt: at } });

describe('organisations projection: given events, then organisations and current members', () => {
  const events = [registered('org-a'), registered('org-b'), added('org-a', 'alice'), added('org-a', 'carol'), added('org-b', 'alice'), removed('org-a', 'carol'), added('org-a', 'alice')].map(given);

  it('keeps current members only; a removal takes the member out, a repeated addition changes nothing', async () => {
    await projectionSpec(organisationsProjection, events, (db) => {
      const q = new SqliteOrganisationQueries(db);
      expect(q.find('org-a')).toEqual({ organisationId: 'org-a', name: { en: 'org-a', zh: '组织' }, kind: 'client', registeredAt: at, members: [{ subject: 'alice', role: 'enterprise', addedAt: at }] });
      expect(q.isMember('org-a', 'alice')).toBe(true);
      expect(q.isMember('org-a', 'carol')).toBe(false);
      expect(q.isMember('org-b', 'alice')).toBe(true);
      expect(q.isMember('org-c', 'alice')).toBe(false);
      expect(q.find('org-c')).toBeUndefined();
    });
  });

  it('lists organisations by id with a cursor', async () => {
    await projectionSpec(organisationsProjection, events, (db) => {
      const q = new SqliteOrganisationQueries(db);
      const first = q.list(1);
      expect(first.items.map((o) => o.organisationId)).toEqual(['org-a']);
      expect(q.list(1, first.nextCursor).items.map((o) => o.organisationId)).toEqual(['org-b']);
      expect(q.list(1, first.nextCursor).nextCursor).toBeUndefined();
    });
  });
});
