import { PayloadReader } from '../payload';
import type { EventDefinition } from '../registry';
import { object, oneOf, optionalString, string, stringArray, timestamp } from '../schema/json-schema';

/** Published by the demand service when experts answer demands; the points service earns on them. */
export type ProposalKind = 'clue' | 'plan';

export interface ProposalSubmittedV1 {
  proposalId: string;
  demandId: string;
  /** The sub-problem answered, when not the whole demand. */
  subProblemId?: string;
  /** The representative: the expert the proposal is credited to. */
  expertId: string;
  coAuthorIds: string[];
  /** SHA-256 of the content at submission: proof of priority. */
  contentHash: string;
  submittedAt: string;
}

export interface ProposalDecisionV1 {
  proposalId: string;
  demandId: string;
  expertId: string;
  at: string;
}

export const PROPOSAL_REJECTION_REASONS = ['plagiarism', 'off-topic', 'duplicate', 'other'] as const;
export type ProposalRejectionReason = (typeof PROPOSAL_REJECTION_REASONS)[number];

export interface ProposalRejectedV1 extends ProposalDecisionV1 {
  reason: ProposalRejectionReason;
  note?: string;
}

const readSubmitted = (type: string) => (data: unknown): ProposalSubmittedV1 => {
  const r = new PayloadReader(type, data);
  const subProblemId = r.optionalString('subProblemId');
  return {
    proposalId: r.string('proposalId'),
    demandId: r.string('demandId'),
    ...(subProblemId !== undefined ? { subProblemId } : {}),
    expertId: r.string('expertId'),
    coAuthorIds: r.stringArray('coAuthorIds'),
    contentHash: r.string('contentHash'),
    submittedAt: r.timestamp('submittedAt'),
  };
};

const readDecision = (type: string) => (data: unknown): ProposalDecisionV1 => {
  const r = new PayloadReader(type, data);
  return { proposalId: r.string('proposalId'), demandId: r.string('demandId'), expertId: r.string('expertId'), at: r.timestamp('at') };
};

export const ClueSubmitted: EventDefinition<ProposalSubmittedV1> = { type: 'ClueSubmitted', version: 1, schemas: { 1: object({ proposalId: string, demandId: string, expertId: string, coAuthorIds: stringArray, contentHash: string, submittedAt: timestamp }, { subProblemId: optionalString }) }, parse: readSubmitted('ClueSubmitted') };
export const PlanSubmitted: EventDefinition<ProposalSubmittedV1> = { type: 'PlanSubmitted', version: 1, schemas: { 1: object({ proposalId: string, demandId: string, expertId: string, coAuthorIds: stringArray, contentHash: string, submittedAt: timestamp }, { subProblemId: optionalString }) }, parse: readSubmitted('PlanSubmitted') };
export const PlanShortlisted: EventDefinition<ProposalDecisionV1> = { type: 'PlanShortlisted', version: 1, schemas: { 1: object({ proposalId: string, demandId: string, expertId: string, at: timestamp }) }, parse: readDecision('PlanShortlisted') };
export const PlanAdopted: EventDefinition<ProposalDecisionV1> = { type: 'PlanAdopted', version: 1, schemas: { 1: object({ proposalId: string, demandId: string, expertId: string, at: timestamp }) }, parse: readDecision('PlanAdopted') };
export const ProposalWithdrawn: EventDefinition<ProposalDecisionV1> = { type: 'ProposalWithdrawn', version: 1, schemas: { 1: object({ proposalId: string, demandId: string, expertId: string, at: timestamp }) }, parse: readDecision('ProposalWithdrawn') };
export const ProposalRejected: EventDefinition<ProposalRejectedV1> = {
  type: 'ProposalRejected',
  version: 1,
  schemas: { 1: object({ proposalId: string, demandId: string, expertId: string, at: timestamp, reason: oneOf(PROPOSAL_REJECTION_REASONS) }, { note: optionalString }) },
  parse(data) {
    const base = readDecision('ProposalRejected')(data);
    const r = new PayloadReader('ProposalRejected', data);
    const reason = r.oneOf('reason', PROPOSAL_REJECTION_REASONS);
    const note = r.optionalString('note');
    return { ...base, reason, ...(note !== undefined ? { note } : {}) };
  },
};

/** Every event the demand service publishes about proposals. */
export const PROPOSAL_EVENTS: readonly EventDefinition<unknown>[] = [
  ClueSubmitted,
  PlanSubmitted,
  PlanShortlisted,
  PlanAdopted,
  ProposalWithdrawn,
  ProposalRejected,
] as readonly EventDefinition<unknown>[];
