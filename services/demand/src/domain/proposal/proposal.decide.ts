import { createHash } from 'node:crypto';
import type { ProposalRejectionReason } from '@hope/contracts';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import type { ProposalContent, ProposalDecisionData, ProposalEvent, ProposalKind } from './proposal.events';
import { evolve, initialState, type ExistingProposal, type Proposal, type ProposalStatus } from './proposal.state';

/** What the decider needs to know of the demand answered, read by the application from the demand stream. */
export interface TargetDemand {
  readonly status: string;
  readonly organisationId: string;
  readonly subProblemIds: readonly string[];
  /** ISO-8601: answers close at the deadline itself, whether or not the expiry job has run yet. */
  readonly deadline: string;
}

type Cmd<T extends string, D> = { type: T; data: D; metadata: { now: Date; by: Principal } };
export type ProposalCommand =
  | Cmd<'SubmitProposal', { proposalId: string; kind: ProposalKind; demandId: string; subProblemId?: string; coAuthorIds: string[]; content: ProposalContent; demand: TargetDemand }>
  | Cmd<'EditProposal', { content: ProposalContent }>
  | Cmd<'OpenProposal', Record<string, never>>
  | Cmd<'WithdrawProposal', Record<string, never>>
  /**
   * `demandStatus`: the answered demand's status, read by the application; decisions need it open.
   * `needSeekerId`: the expert who asked for the demand as a paid need (ADR 0024), who decides on its
   * answers as a seeking organisation's members do on theirs.
   */
  | Cmd<'ShortlistPlan', { demandStatus: string; needSeekerId?: string }>
  | Cmd<'AdoptPlan', { demandStatus: string; needSeekerId?: string }>
  | Cmd<'RejectProposal', { reason: ProposalRejectionReason; note?: string; needSeekerId?: string }>;

/** SHA-256 of the content as submitted: the expert's proof of priority. */
export const contentHash = (c: ProposalContent): string => createHash('sha256').update(JSON.stringify({ title: c.title, body: c.body })).digest('hex');

export class ProposalNotFound extends NotFoundError {
  constructor() {
    super('PROPOSAL.NOT_FOUND', 'No such proposal');
  }
}

/**
 * An expert sees only proposals they represent or co-author (or, as a need's seeker, the answers to their
 * need); an enterprise only those to its demands.
 */
function existingFor(s: Proposal, by: Principal, needSeekerId?: string): ExistingProposal {
  if (s.status === 'none') throw new ProposalNotFound();
  if (by.role === 'expert' && by.subject !== s.expertId && !s.coAuthorIds.includes(by.subject) && by.subject !== needSeekerId) throw new ProposalNotFound();
  if (by.role === 'enterprise' && by.organisationId !== s.organisationId) throw new ProposalNotFound();
  return s;
}

const requireStatus = (p: ExistingProposal, action: string, allowed: readonly ProposalStatus[]) => {
  if (!allowed.includes(p.status as ProposalStatus)) {
    throw new IllegalStateError('PROPOSAL.ILLEGAL_TRANSITION', `Cannot ${action} a proposal that is ${p.status}; only when ${allowed.join(' or ')}`);
  }
};
const requireRole = (by: Principal, role: Principal['role'], what: string) => {
  if (by.role !== role) throw new ForbiddenError('PROPOSAL.FORBIDDEN', `Only ${role}s may ${what}`);
};
/** The seeker decides on answers: the seeking organisation's members (checked by `existingFor`), or the expert who asked for the need. */
const requireSeeker = (by: Principal, needSeekerId: string | undefined, what: string) => {
  if (by.role === 'enterprise') return;
  if (by.role === 'expert' && needSeekerId !== undefined && by.subject === needSeekerId) return;
  throw new ForbiddenError('PROPOSAL.FORBIDDEN', `Only the seeker may ${what}`);
};
const requireOpenDemand = (status: string, what: string) => {
  if (status !== 'published') throw new IllegalStateError('PROPOSAL.DEMAND_NOT_OPEN', `Cannot ${what} once the demand is ${status}`);
};
const requirePlan = (p: ExistingProposal, what: string) => {
  if (p.kind !== 'plan') throw new IllegalStateError('PROPOSAL.NOT_A_PLAN', `Only plans can be ${what}; this is a clue`, { status: 422 });
};

export const decide = (cmd: ProposalCommand, s: Proposal): ProposalEvent[] => {
  const { now, by } = cmd.metadata;
  const at = now.toISOString();
  const decision = (p: ExistingProposal): ProposalDecisionData => ({ proposalId: p.proposalId, demandId: p.demandId, expertId: p.expertId, at, by: by.subject });
  switch (cmd.type) {
    case 'SubmitProposal': {
      requireRole(by, 'expert', 'submit proposals');
      if (s.status !== 'none') throw new IllegalStateError('PROPOSAL.ALREADY_EXISTS', `Proposal ${cmd.data.proposalId} already exists`);
      const { demand, subProblemId } = cmd.data;
      if (demand.status !== 'published') throw new IllegalStateError('PROPOSAL.DEMAND_NOT_OPEN', `The demand is ${demand.status}, not open for proposals`);
      if (now.getTime() >= Date.parse(demand.deadline)) {
        throw new IllegalStateError('PROPOSAL.DEADLINE_PASSED', `The demand's deadline (${demand.deadline}) has passed: it takes no more proposals`);
      }
      if (subProblemId !== undefined && !demand.subProblemIds.includes(subProblemId)) {
        throw new ValidationError('PROPOSAL.UNKNOWN_SUB_PROBLEM', 'The demand has no such sub-problem', [{ field: 'subProblemId', reason: `is not one of ${demand.subProblemIds.join(', ') || '(none)'}` }]);
      }
      const coAuthorIds = [...new Set(cmd.data.coAuthorIds.filter((id) => id !== by.subject))].sort();
      const data = {
        proposalId: cmd.data.proposalId,
        demandId: cmd.data.demandId,
        ...(subProblemId !== undefined ? { subProblemId } : {}),
        expertId: by.subject,
        coAuthorIds,
        contentHash: contentHash(cmd.data.content),
        submittedAt: at,
        organisationId: demand.organisationId,
        content: cmd.data.content,
      };
      return [cmd.data.kind === 'clue' ? { type: 'ClueSubmitted', data } : { type: 'PlanSubmitted', data }];
    }
    case 'EditProposal': {
      const p = existingFor(s, by);
      if (by.subject !== p.expertId) throw new ForbiddenError('PROPOSAL.NOT_REPRESENTATIVE', 'Only the representative may edit a proposal');
      requireStatus(p, 'edit', ['submitted']);
      if (p.opened) throw new IllegalStateError('PROPOSAL.ALREADY_OPENED', 'The enterprise has opened this proposal: it can no longer be edited');
      const hash = contentHash(cmd.data.content);
      if (hash === p.contentHash) return [];
      return [{ type: 'ProposalEdited', data: { proposalId: p.proposalId, content: cmd.data.content, contentHash: hash, editedAt: at } }];
    }
    case 'OpenProposal': {
      const p = existingFor(s, by);
      // Only the seeking enterprise's first reading freezes the content; repeats record nothing.
      if (by.role !== 'enterprise' || p.opened) return [];
      return [{ type: 'ProposalOpened', data: { proposalId: p.proposalId, openedBy: by.subject, openedAt: at } }];
    }
    case 'WithdrawProposal': {
      const p = existingFor(s, by);
      if (by.subject !== p.expertId) throw new ForbiddenError('PROPOSAL.NOT_REPRESENTATIVE', 'Only the representative may withdraw a proposal');
      requireStatus(p, 'withdraw', ['submitted', 'shortlisted']);
      return [{ type: 'ProposalWithdrawn', data: decision(p) }];
    }
    case 'ShortlistPlan': {
      requireSeeker(by, cmd.data.needSeekerId, 'shortlist plans');
      const p = existingFor(s, by, cmd.data.needSeekerId);
      requirePlan(p, 'shortlisted');
      requireStatus(p, 'shortlist', ['submitted']);
      requireOpenDemand(cmd.data.demandStatus, 'shortlist');
      return [{ type: 'PlanShortlisted', data: decision(p) }];
    }
    case 'AdoptPlan': {
      requireSeeker(by, cmd.data.needSeekerId, 'adopt plans');
      const p = existingFor(s, by, cmd.data.needSeekerId);
      requirePlan(p, 'adopted');
      requireStatus(p, 'adopt', ['submitted', 'shortlisted']);
      requireOpenDemand(cmd.data.demandStatus, 'adopt');
      return [{ type: 'PlanAdopted', data: decision(p) }];
    }
    case 'RejectProposal': {
      requireSeeker(by, cmd.data.needSeekerId, 'reject proposals');
      const p = existingFor(s, by, cmd.data.needSeekerId);
      requireStatus(p, 'reject', ['submitted', 'shortlisted']);
      const note = cmd.data.note?.trim();
      return [{ type: 'ProposalRejected', data: { ...decision(p), reason: cmd.data.reason, ...(note ? { note } : {}) } }];
    }
  }
};

export const proposalDecider = { decide, evolve, initialState };
export const proposalStream = (proposalId: string): string => `proposal-${proposalId}`;
