import { ForbiddenError, IllegalStateError, isStaff, NotFoundError, ValidationError, type Principal, hasVisibleText } from '@hope/kernel';
import type { DemandCommand } from './demand.commands';
import { applyChanges, assertValidContent, changedFields, type DemandContent } from './demand.content';
import type { DemandEvent, DemandSubject } from './demand.events';
import { evolve, initialState, type Demand, type DemandStatus, type ExistingDemand } from './demand.state';
import { NEED_SEEKER_ORGANISATION } from './demand.visibility';

export class DemandNotFound extends NotFoundError {
  constructor() {
    super('DEMAND.NOT_FOUND', 'No such demand');
  }
}

export class IllegalDemandTransition extends IllegalStateError {
  constructor(action: string, status: DemandStatus, allowed: readonly DemandStatus[]) {
    super('DEMAND.ILLEGAL_TRANSITION', `Cannot ${action} a demand that is ${status}; only when ${allowed.join(' or ')}`);
  }
}

/** What the contract announces of a demand's content (copies: events never share arrays with state). */
const subjectOf = (c: DemandContent): DemandSubject => ({
  title: c.title,
  description: c.description,
  domain: c.domain,
  keywords: [...c.keywords],
  capabilities: [...c.capabilities],
  subProblems: c.subProblems.map((sp) => ({ id: sp.id, title: sp.title, capabilities: [...sp.capabilities] })),
  visibility: c.visibility,
});

/**
 * Another organisation learns nothing about a demand it may not see: its enterprise users get the same
 * answer as for a demand that does not exist.
 */
function existingFor(s: Demand, by: Principal): ExistingDemand {
  if (s.status === 'none') throw new DemandNotFound();
  if (by.role === 'enterprise' && by.organisationId !== s.organisationId) throw new DemandNotFound();
  return s;
}

const requireStatus = (s: ExistingDemand, action: string, allowed: readonly DemandStatus[]): void => {
  if (!allowed.includes(s.status as DemandStatus)) throw new IllegalDemandTransition(action, s.status as DemandStatus, allowed);
};

const requireRole = (by: Principal, roles: readonly Principal['role'][], what: string): void => {
  if (!roles.includes(by.role)) throw new ForbiddenError('DEMAND.FORBIDDEN', `Only ${roles.join(' or ')} may ${what}`);
};

export const decide = (cmd: DemandCommand, s: Demand): DemandEvent[] => {
  const { now, by } = cmd.metadata;
  const at = now.toISOString();
  switch (cmd.type) {
    case 'DraftDemand': {
      requireRole(by, ['enterprise'], 'draft a demand');
      if (s.status !== 'none') throw new IllegalStateError('DEMAND.ALREADY_EXISTS', `Demand ${cmd.data.demandId} already exists`);
      assertValidContent(cmd.data.content, now);
      const organisationId = by.organisationId!;
      return [{ type: 'DemandDrafted', data: { demandId: cmd.data.demandId, organisationId, authorId: by.subject, content: cmd.data.content, draftedAt: at } }];
    }
    case 'EditDraft': {
      const d = existingFor(s, by);
      requireRole(by, ['enterprise'], 'edit a draft');
      requireStatus(d, 'edit the draft of', ['draft', 'rejected']);
      assertValidContent(applyChanges(d.content, cmd.data.changes), now);
      const fields = changedFields(d.content, cmd.data.changes);
      if (fields.length === 0) return [];
      const changes = Object.fromEntries(fields.map((f) => [f, cmd.data.changes[f]]));
      return [{ type: 'DemandDraftEdited', data: { demandId: d.demandId, changes, changedFields: fields, editedBy: by.subject, editedAt: at } }];
    }
    case 'SubmitForReview': {
      const d = existingFor(s, by);
      requireRole(by, ['enterprise'], 'submit a demand for review');
      requireStatus(d, 'submit for review', ['draft', 'rejected']);
      // The deadline may have passed while the draft waited.
      assertValidContent(d.content, now);
      return [{ type: 'DemandSubmittedForReview', data: { demandId: d.demandId, submittedBy: by.subject, submittedAt: at } }];
    }
    case 'PublishDemand': {
      requireRole(by, ['operator'], 'publish a demand');
      const d = existingFor(s, by);
      requireStatus(d, 'publish', ['submitted']);
      assertValidContent(d.content, now);
      return [{ type: 'DemandPublished', data: { demandId: d.demandId, organisationId: d.organisationId, ...subjectOf(d.content), publishedBy: by.subject, publishedAt: at } }];
    }
    case 'RejectDemand': {
      requireRole(by, ['operator'], 'reject a demand');
      const d = existingFor(s, by);
      requireStatus(d, 'reject', ['submitted']);
      if (!hasVisibleText(cmd.data.reason)) throw new ValidationError('DEMAND.REASON_REQUIRED', 'A rejection needs a reason', [{ field: 'reason', reason: 'must not be empty' }]);
      return [{ type: 'DemandRejected', data: { demandId: d.demandId, reason: cmd.data.reason, rejectedBy: by.subject, rejectedAt: at } }];
    }
    case 'ReviseDemand': {
      const d = existingFor(s, by);
      requireRole(by, ['enterprise'], 'revise a demand');
      requireStatus(d, 'revise', ['published']);
      const fields = changedFields(d.content, cmd.data.changes);
      if (fields.includes('ipTerms')) {
        throw new IllegalStateError('DEMAND.IP_TERMS_FIXED', 'IP terms are fixed once a demand is published', { status: 422 });
      }
      assertValidContent(applyChanges(d.content, cmd.data.changes), now);
      if (fields.length === 0) return [];
      const changes = Object.fromEntries(fields.map((f) => [f, cmd.data.changes[f]]));
      const revision = d.revisions.length + 1;
      return [
        {
          type: 'DemandRevised',
          data: { demandId: d.demandId, organisationId: d.organisationId, revision, changes, changedFields: fields, ...subjectOf(applyChanges(d.content, changes)), revisedBy: by.subject, revisedAt: at },
        },
      ];
    }
    case 'CloseDemand': {
      const d = existingFor(s, by);
      // The seeker closes its demand: the seeking organisation, or the expert who asked for a paid need (ADR 0024).
      const seekerOfNeed = by.role === 'expert' && d.need !== undefined && d.need.expertId === by.subject;
      if (!seekerOfNeed) requireRole(by, ['enterprise', 'operator'], 'close a demand (or the expert who asked for it as a paid need)');
      requireStatus(d, 'close', ['published']);
      const adoptedProposalIds = [...cmd.data.adoptedProposalIds].sort();
      const outcome = adoptedProposalIds.length > 0 ? 'awarded' : 'not-awarded';
      return [{ type: 'DemandClosed', data: { demandId: d.demandId, organisationId: d.organisationId, outcome, adoptedProposalIds, closedBy: by.subject, closedAt: at } }];
    }
    case 'CancelDemand': {
      const d = existingFor(s, by);
      requireRole(by, ['enterprise', 'operator'], 'cancel a demand');
      requireStatus(d, 'cancel', ['draft', 'submitted', 'rejected', 'published']);
      const wasPublished = d.status === 'published';
      const reason = cmd.data.reason?.trim();
      // Experts may already be working on a published demand: withdrawing it is an operator's call, on the record.
      if (wasPublished && !isStaff(by)) throw new ForbiddenError('DEMAND.CANCEL_NEEDS_OPERATOR', 'A published demand can only be cancelled by an operator, with a reason');
      if (wasPublished && !hasVisibleText(reason)) throw new ValidationError('DEMAND.REASON_REQUIRED', 'Cancelling a published demand needs a reason', [{ field: 'reason', reason: 'must not be empty' }]);
      return [{ type: 'DemandCancelled', data: { demandId: d.demandId, organisationId: d.organisationId, wasPublished, ...(reason ? { reason } : {}), cancelledBy: by.subject, cancelledAt: at } }];
    }
    case 'ListNeed': {
      requireRole(by, ['service'], 'list a paid need');
      const { demandId, need, content, approvedBy } = cmd.data;
      // The saga repeats this step after a crash: the demand it already listed is the answer.
      if (s.status !== 'none' && s.need?.needId === need.needId) return [];
      if (s.status !== 'none') throw new IllegalStateError('DEMAND.ALREADY_EXISTS', `Demand ${demandId} already exists`);
      assertValidContent(content, now);
      const organisationId = NEED_SEEKER_ORGANISATION;
      return [
        { type: 'DemandDrafted', data: { demandId, organisationId, authorId: need.expertId, content, draftedAt: at, need } },
        { type: 'DemandPublished', data: { demandId, organisationId, ...subjectOf(content), publishedBy: approvedBy, publishedAt: at } },
      ];
    }
    case 'ExpireDemand': {
      const d = existingFor(s, by);
      // The job may race a close or a cancel: a demand no longer open has nothing left to expire.
      if (d.status !== 'published') return [];
      if (now.getTime() < Date.parse(d.content.deadline)) {
        throw new IllegalStateError('DEMAND.NOT_DUE', `Demand ${d.demandId} is open until ${d.content.deadline}`);
      }
      return [{ type: 'DemandExpired', data: { demandId: d.demandId, organisationId: d.organisationId, deadline: d.content.deadline, expiredAt: at } }];
    }
  }
};

export const demandDecider = { decide, evolve, initialState };
export const demandStream = (demandId: string): string => `demand-${demandId}`;
