import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, NotFoundError, type Principal } from '@hope/kernel';
import { ndaDecider, type ConfidentialDemand, type NdaCommand } from './nda.decide';
import type { NdaEvent } from './nda.events';

const spec = DeciderSpecification.for(ndaDecider);
const now = new Date('2030-01-01T08:00:00.000Z');
const at = now.toISOString();
const owner: Principal = { subject: 'alice', role: 'enterprise', organisationId: 'org-haier' };
const rival: Principal = { subject: 'bob', role: 'enterprise', organisationId: 'org-other' };
const invitee: Principal = { subject: 'x-1', role: 'expert' };
const stranger: Principal = { subject: 'x-9', role: 'expert' };
const demand: ConfidentialDemand = { demandId: 'd-1', organisationId: 'org-haier', visibility: 'confidential', status: 'published' };
const cmd = <T extends NdaCommand['type']>(type: T, data: Extract<NdaCommand, { type: T }>['data'], by: Principal) => ({ type, data, metadata: { now, by } }) as Extract<NdaCommand, { type: T }>;

const invited: NdaEvent = { type: 'ExpertsInvited', data: { demandId: 'd-1', organisationId: 'org-haier', expertIds: ['x-1'], invitedBy: 'alice', invitedAt: at } };
const accepted: NdaEvent = { type: 'NdaAccepted', data: { demandId: 'd-1', organisationId: 'org-haier', expertId: 'x-1', ndaVersion: 'v1', acceptedAt: at } };

describe('confidential demands: invitations, NDA, audit trail', () => {
  it('the owner invites experts; a repeated invitation records nothing new', () => {
    spec.given([]).when(cmd('InviteExperts', { demand, expertIds: ['x-1', 'x-1'] }, owner)).then([invited]);
    spec.given([invited]).when(cmd('InviteExperts', { demand, expertIds: ['x-1'] }, owner)).thenNothingHappened();
  });
  it('another organisation is told the demand does not exist; experts may not invite', () => {
    spec.given([]).when(cmd('InviteExperts', { demand, expertIds: ['x-1'] }, rival)).thenThrows(NotFoundError);
    spec.given([]).when(cmd('InviteExperts', { demand, expertIds: ['x-2'] }, invitee)).thenThrows(ForbiddenError);
  });
  it('refuses invitations to a demand that is not confidential', () => {
    spec.given([]).when(cmd('InviteExperts', { demand: { ...demand, visibility: 'public' }, expertIds: ['x-1'] }, owner)).thenThrows(IllegalStateError);
  });
  it('an invited expert accepts the NDA once; an uninvited one gets 404', () => {
    spec.given([invited]).when(cmd('AcceptNda', { demand, ndaVersion: 'v1' }, invitee)).then([accepted]);
    spec.given([invited, accepted]).when(cmd('AcceptNda', { demand, ndaVersion: 'v1' }, invitee)).thenNothingHappened();
    spec.given([invited]).when(cmd('AcceptNda', { demand, ndaVersion: 'v1' }, stranger)).thenThrows(NotFoundError);
  });
  it('each opening of the details by an expert who accepted is recorded; before acceptance it is refused', () => {
    const opened: NdaEvent = { type: 'ConfidentialDetailsOpened', data: { demandId: 'd-1', expertId: 'x-1', openedAt: at } };
    spec.given([invited, accepted]).when(cmd('OpenConfidentialDetails', { demand }, invitee)).then([opened]);
    spec.given([invited, accepted, opened]).when(cmd('OpenConfidentialDetails', { demand }, invitee)).then([opened]);
    spec.given([invited]).when(cmd('OpenConfidentialDetails', { demand }, invitee)).thenThrows(NotFoundError);
  });
});
