import { projectionSpec, type GivenEvent } from '@hope/eventstore/testing';
import type { MembershipEvent } from './membership.decide';
import { membershipsProjection, SqliteMemberships } from './membership.projection';

const at = '2030-01-01T00:00:00.000Z';
const given = (e: MembershipEvent): GivenEvent => ({ stream: `tenancy-${e.data.organisationId}`, type: e.type, data: e.data });
const added = (organisationId: string, subject: string): MembershipEvent => ({ type: 'TenantMemberRecorded', data: { organisationId, subject, sourceEventId: 's', at } });
const removed = (organisationId: string, subject: string): MembershipEvent => ({ type: 'TenantMemberRemovalRecorded', data: { organisationId, subject, sourceEventId: 's', at } });

describe('memberships projection: given recorded facts, then current members', () => {
  it('keeps current members only, per organisation', async () => {
    const events = [added('org-a', 'alice'), added('org-a', 'carol'), added('org-b', 'bob'), removed('org-a', 'carol')].map(given);
    await projectionSpec(membershipsProjection, events, (db) => {
      const q = new SqliteMemberships(db);
      expect(q.isMember('org-a', 'alice')).toBe(true);
      expect(q.isMember('org-a', 'carol')).toBe(false);
      expect(q.isMember('org-a', 'bob')).toBe(false);
      expect(q.isMember('org-b', 'bob')).toBe(true);
    });
  });
});
