import { ForbiddenError, IllegalStateError, NotFoundError } from '@hope/kernel';
import type { Actor } from '../resources/resource.decide';

/** The stated criteria, each scored 1 (poor) to 5 (excellent). */
export const CRITERIA = ['novelty', 'feasibility', 'cost', 'ip', 'trlFit'] as const;
export type Criterion = (typeof CRITERIA)[number];
export type Scores = Readonly<Record<Criterion, number>>;
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export const TARGET_KINDS = ['proposal', 'resource'] as const;
export interface Target {
  readonly kind: (typeof TARGET_KINDS)[number];
  readonly id: string;
}

export type EvaluationEvent =
  | { type: 'DemandProposalNoted'; data: { demandId: string; proposalId: string; proposalKind: 'clue' | 'plan'; expertId: string; subProblemId?: string; sourceEventId: string } }
  | { type: 'DemandProposalClosed'; data: { demandId: string; proposalId: string; reason: 'withdrawn' | 'rejected'; sourceEventId: string } }
  | { type: 'EvaluationRecorded'; data: { demandId: string; target: Target; evaluator: Actor; scores: Scores; comment?: string; evaluatedAt: string } };

/**
 * The proposals of a demand (from the demand service's events) and the evaluations of its proposals
 * and resources. Who may evaluate and which resources count come with the command: the owning
 * organisation and whether the resource was matched with or attached to the demand (both from the
 * demand's resource matches).
 */
export type EvaluationCommand =
  | { type: 'NoteProposal'; data: Extract<EvaluationEvent, { type: 'DemandProposalNoted' }>['data'] }
  | { type: 'CloseProposal'; data: Extract<EvaluationEvent, { type: 'DemandProposalClosed' }>['data'] }
  | {
      type: 'Evaluate';
      data: { demandId: string; target: Target; scores: Scores; comment?: string; by: Actor; ownerOrganisationId?: string; resourceConsidered: boolean };
      metadata: { now: Date };
    };

export interface Evaluations {
  proposals: ReadonlyMap<string, { proposalKind: 'clue' | 'plan'; expertId: string; subProblemId?: string; closed: boolean }>;
  /** The latest evaluation of each evaluator per target (`kind:id|subject`): a new one replaces theirs. */
  evaluations: ReadonlyMap<string, Extract<EvaluationEvent, { type: 'EvaluationRecorded' }>['data']>;
}

export const initialState: Evaluations = { proposals: new Map(), evaluations: new Map() };
export const targetKey = (t: Target): string => `${t.kind}:${t.id}`;

export const decide = (cmd: EvaluationCommand, s: Evaluations): EvaluationEvent[] => {
  switch (cmd.type) {
    case 'NoteProposal':
      return s.proposals.has(cmd.data.proposalId) ? [] : [{ type: 'DemandProposalNoted', data: cmd.data }];
    case 'CloseProposal': {
      const p = s.proposals.get(cmd.data.proposalId);
      return !p || p.closed ? [] : [{ type: 'DemandProposalClosed', data: cmd.data }];
    }
    case 'Evaluate': {
      const { demandId, target, by, ownerOrganisationId } = cmd.data;
      if (ownerOrganisationId === undefined) throw new NotFoundError('DEMAND.NOT_FOUND', `Matching knows no published demand ${demandId}`);
      const allowed = by.role === 'operator' || (by.role === 'enterprise' && by.organisationId === ownerOrganisationId);
      if (!allowed) throw new ForbiddenError('DEMAND.NOT_YOURS', `Only members of organisation ${ownerOrganisationId} and operators evaluate for demand ${demandId}`);
      if (target.kind === 'proposal') {
        const p = s.proposals.get(target.id);
        if (!p) throw new IllegalStateError('EVALUATION.UNKNOWN_TARGET', `No proposal ${target.id} for demand ${demandId}`, { status: 422, fields: [{ field: 'target.id', reason: 'is not a proposal of this demand' }] });
        if (p.closed) throw new IllegalStateError('EVALUATION.CLOSED_TARGET', `Proposal ${target.id} was withdrawn or rejected`, { status: 422, fields: [{ field: 'target.id', reason: 'was withdrawn or rejected' }] });
      } else if (!cmd.data.resourceConsidered) {
        throw new IllegalStateError('EVALUATION.UNKNOWN_TARGET', `Resource ${target.id} was neither matched with nor attached to demand ${demandId}`, {
          status: 422,
          fields: [{ field: 'target.id', reason: 'is not matched with or attached to this demand' }],
        });
      }
      const { comment } = cmd.data;
      return [{ type: 'EvaluationRecorded', data: { demandId, target, evaluator: by, scores: cmd.data.scores, ...(comment !== undefined ? { comment } : {}), evaluatedAt: cmd.metadata.now.toISOString() } }];
    }
  }
};

export const evolve = (s: Evaluations, e: EvaluationEvent): Evaluations => {
  switch (e.type) {
    case 'DemandProposalNoted': {
      const { proposalKind, expertId, subProblemId } = e.data;
      return { ...s, proposals: new Map([...s.proposals, [e.data.proposalId, { proposalKind, expertId, ...(subProblemId !== undefined ? { subProblemId } : {}), closed: false }]]) };
    }
    case 'DemandProposalClosed': {
      const p = s.proposals.get(e.data.proposalId);
      return p ? { ...s, proposals: new Map([...s.proposals, [e.data.proposalId, { ...p, closed: true }]]) } : s;
    }
    case 'EvaluationRecorded':
      return { ...s, evaluations: new Map([...s.evaluations, [`${targetKey(e.data.target)}|${e.data.evaluator.subject}`, e.data]]) };
    default:
      return s;
  }
};

export interface TargetComparison {
  target: Target;
  count: number;
  evaluators: string[];
  /** Per criterion, the mean of the evaluators' latest scores (two decimals). */
  averages: Record<Criterion, number>;
  /** The mean of the criteria's averages: the order of the comparison. */
  overall: number;
  comments: { evaluator: string; comment: string }[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A comparison of every evaluated target of a demand, best overall first (ties by target). */
export function compare(s: Evaluations): TargetComparison[] {
  const byTarget = new Map<string, Extract<EvaluationEvent, { type: 'EvaluationRecorded' }>['data'][]>();
  for (const e of s.evaluations.values()) byTarget.set(targetKey(e.target), [...(byTarget.get(targetKey(e.target)) ?? []), e]);
  return [...byTarget.values()]
    .map((list) => {
      const averages = Object.fromEntries(CRITERIA.map((c) => [c, round2(list.reduce((sum, e) => sum + e.scores[c], 0) / list.length)])) as Record<Criterion, number>;
      return {
        target: list[0]!.target,
        count: list.length,
        evaluators: list.map((e) => e.evaluator.subject).sort(),
        averages,
        overall: round2(CRITERIA.reduce((sum, c) => sum + averages[c], 0) / CRITERIA.length),
        comments: list.filter((e) => e.comment !== undefined).map((e) => ({ evaluator: e.evaluator.subject, comment: e.comment! })),
      };
    })
    .sort((a, b) => b.overall - a.overall || targetKey(a.target).localeCompare(targetKey(b.target)));
}

export const evaluationDecider = { decide, evolve, initialState };
export const evaluationStream = (demandId: string): string => `evaluations-${demandId}`;
