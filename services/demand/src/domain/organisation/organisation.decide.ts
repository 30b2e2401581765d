import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import type { OrganisationEvent, OrganisationKind, OrganisationName } from './organisation.events';

export type Organisation =
  | { readonly status: 'none' }
  | { readonly status: 'registered'; readonly organisationId: string; readonly name: OrganisationName; readonly kind: OrganisationKind; readonly members: readonly string[] };

export const initialState: Organisation = { status: 'none' };

export const evolve = (s: Organisation, e: OrganisationEvent): Organisation => {
  switch (e.type) {
    case 'OrganisationRegistered':
      return { status: 'registered', organisationId: e.data.organisationId, name: e.data.name, kind: e.data.kind, members: [] };
    case 'MemberAdded':
      return s.status === 'registered' ? { ...s, members: [...new Set([...s.members, e.data.subject])] } : s;
    case 'MemberRemoved':
      return s.status === 'registered' ? { ...s, members: s.members.filter((m) => m !== e.data.subject) } : s;
    default:
      return s;
  }
};

type Cmd<T extends string, D> = { type: T; data: D; metadata: { now: Date; by: Principal } };
export type OrganisationCommand =
  | Cmd<'RegisterOrganisation', { organisationId: string; name: OrganisationName; kind: OrganisationKind }>
  | Cmd<'AddMember', { subject: string }>
  | Cmd<'RemoveMember', { subject: string }>;

export class OrganisationNotFound extends NotFoundError {
  constructor() {
    super('ORGANISATION.NOT_FOUND', 'No such organisation');
  }
}

const sameName = (a: OrganisationName, b: OrganisationName): boolean => a.en === b.en && a.zh === b.zh;

/** Operators manage organisations; the service account may too (demo data, migrations). */
const requireOperator = (by: Principal, what: string): void => {
  if (by.role !== 'operator' && by.role !== 'service') throw new ForbiddenError('ORGANISATION.FORBIDDEN', `Only an operator may ${what}`);
};

export const decide = (cmd: OrganisationCommand, s: Organisation): OrganisationEvent[] => {
  const { now, by } = cmd.metadata;
  const at = now.toISOString();
  switch (cmd.type) {
    case 'RegisterOrganisation': {
      requireOperator(by, 'register an organisation');
      const { organisationId, name, kind } = cmd.data;
      if (name.en === undefined && name.zh === undefined) throw new ValidationError('ORGANISATION.NO_NAME', 'An organisation needs a name in en or zh', [{ field: 'name', reason: 'must have an "en" or a "zh" text' }]);
      if (s.status === 'registered') {
        // The same registration again is a retry; a different one under the same id is a conflict.
        if (sameName(s.name, name) && s.kind === kind) return [];
        throw new IllegalStateError('ORGANISATION.ALREADY_EXISTS', `Organisation ${organisationId} exists with another name or kind`);
      }
      const copy: OrganisationName = { ...(name.en !== undefined ? { en: name.en } : {}), ...(name.zh !== undefined ? { zh: name.zh } : {}) };
      return [{ type: 'OrganisationRegistered', data: { organisationId, name: copy, kind, registeredBy: by.subject, registeredAt: at } }];
    }
    case 'AddMember': {
      requireOperator(by, 'add a member');
      if (s.status !== 'registered') throw new OrganisationNotFound();
      if (s.members.includes(cmd.data.subject)) return [];
      return [{ type: 'MemberAdded', data: { organisationId: s.organisationId, subject: cmd.data.subject, role: 'enterprise', addedBy: by.subject, addedAt: at } }];
    }
    case 'RemoveMember': {
      requireOperator(by, 'remove a member');
      if (s.status !== 'registered') throw new OrganisationNotFound();
      if (!s.members.includes(cmd.data.subject)) return [];
      return [{ type: 'MemberRemoved', data: { organisationId: s.organisationId, subject: cmd.data.subject, removedBy: by.subject, removedAt: at } }];
    }
  }
};

export const organisationDecider = { decide, evolve, initialState };
export const organisationStream = (organisationId: string): string => `organisation-${organisationId}`;
