import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import type { NdaEvent } from './nda.events';

export interface NdaAccess {
  readonly invited: readonly string[];
  /** expertId -> NDA version accepted. */
  readonly accepted: Readonly<Record<string, string>>;
}
export const initialState: NdaAccess = { invited: [], accepted: {} };

export const evolve = (s: NdaAccess, e: NdaEvent): NdaAccess => {
  switch (e.type) {
    case 'ExpertsInvited':
      return { ...s, invited: [...new Set([...s.invited, ...e.data.expertIds])] };
    case 'NdaAccepted':
      return { ...s, accepted: { ...s.accepted, [e.data.expertId]: e.data.ndaVersion } };
    default:
      return s;
  }
};

/** What the decider needs of the demand, read by the application from its stream. */
export interface ConfidentialDemand {
  readonly demandId: string;
  readonly organisationId: string;
  readonly visibility: string;
  readonly status: string;
}

type Cmd<T extends string, D> = { type: T; data: D; metadata: { now: Date; by: Principal } };
export type NdaCommand =
  | Cmd<'InviteExperts', { demand: ConfidentialDemand; expertIds: string[] }>
  | Cmd<'AcceptNda', { demand: ConfidentialDemand; ndaVersion: string }>
  | Cmd<'OpenConfidentialDetails', { demand: ConfidentialDemand }>;

const notFound = () => new NotFoundError('DEMAND.NOT_FOUND', 'No such demand');
const OPEN = ['draft', 'submitted', 'rejected', 'published'];

export const hasAccepted = (s: NdaAccess, expertId: string): boolean => s.accepted[expertId] !== undefined;

export const decide = (cmd: NdaCommand, s: NdaAccess): NdaEvent[] => {
  const { now, by } = cmd.metadata;
  const at = now.toISOString();
  const d = cmd.data.demand;
  switch (cmd.type) {
    case 'InviteExperts': {
      const owner = by.role === 'enterprise' && by.organisationId === d.organisationId;
      if (by.role === 'enterprise' && !owner) throw notFound();
      if (!owner && by.role !== 'operator') throw new ForbiddenError('DEMAND.FORBIDDEN', 'Only the seeking organisation or an operator may invite experts');
      if (d.visibility !== 'confidential') throw new IllegalStateError('NDA.NOT_CONFIDENTIAL', 'Only confidential demands take invitations', { status: 422 });
      if (!OPEN.includes(d.status)) throw new IllegalStateError('DEMAND.ILLEGAL_TRANSITION', `Cannot invite experts to a demand that is ${d.status}`);
      if (cmd.data.expertIds.length === 0) throw new ValidationError('NDA.NO_EXPERTS', 'Invite at least one expert', [{ field: 'expertIds', reason: 'must not be empty' }]);
      const expertIds = [...new Set(cmd.data.expertIds)].filter((x) => !s.invited.includes(x)).sort();
      if (expertIds.length === 0) return [];
      return [{ type: 'ExpertsInvited', data: { demandId: d.demandId, organisationId: d.organisationId, expertIds, invitedBy: by.subject, invitedAt: at } }];
    }
    case 'AcceptNda': {
      // An expert who was not invited learns nothing, not even that the demand exists.
      if (by.role !== 'expert' || !s.invited.includes(by.subject)) throw notFound();
      if (!OPEN.includes(d.status) && d.status !== 'closed' && d.status !== 'expired') throw notFound();
      if (hasAccepted(s, by.subject)) return [];
      return [{ type: 'NdaAccepted', data: { demandId: d.demandId, organisationId: d.organisationId, expertId: by.subject, ndaVersion: cmd.data.ndaVersion, acceptedAt: at } }];
    }
    case 'OpenConfidentialDetails': {
      if (by.role !== 'expert' || !hasAccepted(s, by.subject)) throw notFound();
      return [{ type: 'ConfidentialDetailsOpened', data: { demandId: d.demandId, expertId: by.subject, openedAt: at } }];
    }
  }
};

export const ndaDecider = { decide, evolve, initialState };
export const ndaStream = (demandId: string): string => `nda-${demandId}`;
