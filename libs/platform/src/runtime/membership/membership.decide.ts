import { aggregate } from '@hope/kernel';

/**
 * This service's own record of an organisation's members, as demand published them (stream
 * `tenancy-<organisationId>`). Facts arrive on the bus; recording them as events in our own store lets
 * a projection answer "is this subject a current member?" locally, with no call to demand per request.
 */
export type MembershipEvent =
  | { type: 'TenantOrganisationRecorded'; data: { organisationId: string; sourceEventId: string; sourceRevision?: number; at: string } }
  | { type: 'TenantMemberRecorded'; data: { organisationId: string; subject: string; sourceEventId: string; sourceRevision?: number; at: string } }
  | { type: 'TenantMemberRemovalRecorded'; data: { organisationId: string; subject: string; sourceEventId: string; sourceRevision?: number; at: string } };

export type MembershipFact = { kind: 'registered' } | { kind: 'added'; subject: string } | { kind: 'removed'; subject: string };

export interface RecordMembershipFact {
  readonly type: 'RecordMembershipFact';
  readonly data: { organisationId: string; fact: MembershipFact; sourceEventId: string; sourceRevision?: number; at: string };
}

export interface MembershipState {
  /** Revision of demand's organisation stream last recorded: an older fact (a dead letter replayed late) changes nothing. */
  readonly lastSourceRevision: number;
}

export const initialState: MembershipState = { lastSourceRevision: -1 };

export const decide = (cmd: RecordMembershipFact, state: MembershipState): MembershipEvent[] => {
  const { organisationId, fact, sourceEventId, sourceRevision, at } = cmd.data;
  // Without this, a MemberAdded replayed after its MemberRemoved would make a removed member current again.
  if (sourceRevision !== undefined && sourceRevision <= state.lastSourceRevision) return [];
  const source = { sourceEventId, ...(sourceRevision !== undefined ? { sourceRevision } : {}), at };
  switch (fact.kind) {
    case 'registered':
      return [{ type: 'TenantOrganisationRecorded', data: { organisationId, ...source } }];
    case 'added':
      return [{ type: 'TenantMemberRecorded', data: { organisationId, subject: fact.subject, ...source } }];
    case 'removed':
      return [{ type: 'TenantMemberRemovalRecorded', data: { organisationId, subject: fact.subject, ...source } }];
  }
};

export const evolve = (state: MembershipState, event: MembershipEvent): MembershipState =>
  event.data.sourceRevision !== undefined && event.data.sourceRevision > state.lastSourceRevision ? { lastSourceRevision: event.data.sourceRevision } : state;

export const membershipStream = (organisationId: string): string => `tenancy-${organisationId}`;

/** Each service records in its own store; the handler name (so the event ids) is the service's own. */
export const membershipAggregate = (service: string) =>
  aggregate<MembershipState, RecordMembershipFact, MembershipEvent, string>({
    name: `${service}.tenancy`,
    streamOf: membershipStream,
    decider: { decide, evolve, initialState },
    handlerNames: { RecordMembershipFact: `${service}.tenancy.record` },
  });
