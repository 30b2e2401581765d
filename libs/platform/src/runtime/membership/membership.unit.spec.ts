import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, type Principal } from '@hope/kernel';
import { decide, evolve, initialState, type MembershipEvent, type RecordMembershipFact } from './membership.decide';
import type { Memberships } from './membership.projection';
import { assertActsForItself } from './tenancy';

const at = '2030-01-01T00:00:00.000Z';
const record = (fact: RecordMembershipFact['data']['fact'], sourceRevision?: number): RecordMembershipFact => ({
  type: 'RecordMembershipFact',
  data: { organisationId: 'org-a', fact, sourceEventId: `src-${sourceRevision ?? 'x'}`, ...(sourceRevision !== undefined ? { sourceRevision } : {}), at },
});
const added = (subject: string, sourceRevision: number): MembershipEvent => ({ type: 'TenantMemberRecorded', data: { organisationId: 'org-a', subject, sourceEventId: `src-${sourceRevision}`, sourceRevision, at } });
const removed = (subject: string, sourceRevision: number): MembershipEvent => ({ type: 'TenantMemberRemovalRecorded', data: { organisationId: 'org-a', subject, sourceEventId: `src-${sourceRevision}`, sourceRevision, at } });

describe('membership facts recorded from demand', () => {
  const spec = DeciderSpecification.for({ decide, evolve, initialState });

  it('records an addition and a removal in source order', () => {
    spec.given([]).when(record({ kind: 'added', subject: 'alice' }, 1)).then([added('alice', 1)]);
    spec.given([added('alice', 1)]).when(record({ kind: 'removed', subject: 'alice' }, 2)).then([removed('alice', 2)]);
  });

  it('ignores a fact older than one already recorded: a late MemberAdded does not undo its removal', () => {
    spec.given([added('alice', 1), removed('alice', 2)]).when(record({ kind: 'added', subject: 'alice' }, 1)).thenNothingHappened();
  });
});

describe('assertActsForItself: tenancy from membership, not from the token', () => {
  const members: Memberships = { isMember: (org, subject) => org === 'org-a' && subject === 'alice' };
  const check = (who: Principal) => () => assertActsForItself(members, who);

  it('lets a current member act for their organisation', () => expect(check({ subject: 'alice', role: 'enterprise', organisationId: 'org-a' })).not.toThrow());

  it('refuses a token naming an organisation the subject is not a member of, or none', () => {
    expect(check({ subject: 'mallory', role: 'enterprise', organisationId: 'org-a' })).toThrow(ForbiddenError);
    expect(check({ subject: 'alice', role: 'enterprise', organisationId: 'org-b' })).toThrow(ForbiddenError);
    expect(check({ subject: 'alice', role: 'enterprise' })).toThrow(ForbiddenError);
  });

  it('refuses an expert whose subject is shaped like an organisation account; other experts and staff pass', () => {
    expect(check({ subject: 'org:org-a', role: 'expert' })).toThrow(ForbiddenError);
    expect(check({ subject: 'e-1', role: 'expert' })).not.toThrow();
    expect(check({ subject: 'op', role: 'operator' })).not.toThrow();
    expect(check({ subject: 'points', role: 'service' })).not.toThrow();
  });
});
