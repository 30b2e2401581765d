import type { RecordedEvent } from '@hope/kernel';
import { demandContracts } from './demand.translator';

const recorded = (type: string, data: unknown, metadata: Record<string, unknown> = {}): RecordedEvent =>
  ({ id: 'e-1', stream: 'demand-d-1', revision: 0, position: { commit: 1n, prepare: 1n }, type, data, metadata, recordedAt: new Date(0) }) as unknown as RecordedEvent;

describe('demand contracts: which domain events become which contract, with only the contract fields', () => {
  it('maps DemandExpired to its v1 contract: the contract parser keeps only its own fields', () => {
    const contract = { demandId: 'd-1', organisationId: 'org-1', expiredAt: '2030-01-01T00:01:00.000Z' };
    expect(demandContracts(recorded('DemandExpired', { ...contract, deadline: '2030-01-01T00:00:00.000Z' }))).toEqual({ type: 'DemandExpired', version: 1, data: contract });
  });

  it('keeps a cancellation private when the demand had never been announced', () => {
    const data = { demandId: 'd-1', organisationId: 'org-1', wasPublished: false, cancelledBy: 'alice', cancelledAt: '2030-01-01T00:00:00.000Z' };
    expect(demandContracts(recorded('DemandCancelled', data))).toBeUndefined();
    expect(demandContracts(recorded('DemandCancelled', { ...data, wasPublished: true, reason: 'r' }))?.type).toBe('DemandCancelled');
  });

  it('publishes organisations and members (tenancy elsewhere rests on them) without who registered or added them', () => {
    const at = '2030-01-01T00:00:00.000Z';
    expect(demandContracts(recorded('OrganisationRegistered', { organisationId: 'org-1', name: { en: 'One' }, kind: 'client', registeredBy: 'op', registeredAt: at }))).toEqual({
      type: 'OrganisationRegistered',
      version: 1,
      data: { organisationId: 'org-1', name: { en: 'One' }, kind: 'client', registeredAt: at },
    });
    expect(demandContracts(recorded('MemberAdded', { organisationId: 'org-1', subject: 'alice', role: 'enterprise', addedBy: 'op', addedAt: at }))).toEqual({ type: 'MemberAdded', version: 1, data: { organisationId: 'org-1', subject: 'alice', role: 'enterprise', addedAt: at } });
    expect(demandContracts(recorded('MemberRemoved', { organisationId: 'org-1', subject: 'alice', removedBy: 'op', removedAt: at }))).toEqual({ type: 'MemberRemoved', version: 1, data: { organisationId: 'org-1', subject: 'alice', removedAt: at } });
  });

  it('leaves private events and marked platform events to the runtime (no envelope built here)', () => {
    expect(demandContracts(recorded('DemandDrafted', { demandId: 'd-1' }))).toBeUndefined();
    expect(demandContracts(recorded('ProbeSent', { probeId: 'p-1' }, { integration: true }))).toBeUndefined();
  });
});
