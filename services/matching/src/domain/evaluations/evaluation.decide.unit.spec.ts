import { ForbiddenError, IllegalStateError, NotFoundError } from '@hope/kernel';
import { DeciderSpecification } from '@hope/kernel/testing';
import type { Actor } from '../resources/resource.decide';
import { compare, evaluationDecider, type EvaluationCommand, type EvaluationEvent, type Scores, type Target } from './evaluation.decide';

const now = new Date('2026-06-01T00:00:00Z');
const at = now.toISOString();
const alice: Actor = { subject: 'alice', role: 'enterprise', organisationId: 'acme' };
const bob: Actor = { subject: 'bob', role: 'enterprise', organisationId: 'acme' };
const mallory: Actor = { subject: 'mallory', role: 'enterprise', organisationId: 'globex' };
const op: Actor = { subject: 'op', role: 'operator' };
const scores = (n: number, trlFit = n): Scores => ({ novelty: n, feasibility: n, cost: n, ip: n, trlFit });
const plan: Target = { kind: 'proposal', id: 'p1' };
const resource: Target = { kind: 'resource', id: 'r1' };
const noted: EvaluationEvent = { type: 'DemandProposalNoted', data: { demandId: 'd1', proposalId: 'p1', proposalKind: 'plan', expertId: 'e1', sourceEventId: 's1' } };
const closed: EvaluationEvent = { type: 'DemandProposalClosed', data: { demandId: 'd1', proposalId: 'p1', reason: 'withdrawn', sourceEventId: 's2' } };
const evaluate = (target: Target, by: Actor, s: Scores, extra: { owner?: string | null; considered?: boolean; comment?: string } = {}): EvaluationCommand => ({
  type: 'Evaluate',
  data: {
    demandId: 'd1',
    target,
    scores: s,
    by,
    ...(extra.owner === null ? {} : { ownerOrganisationId: extra.owner ?? 'acme' }),
    resourceConsidered: extra.considered ?? true,
    ...(extra.comment !== undefined ? { comment: extra.comment } : {}),
  },
  metadata: { now },
});
const recorded = (target: Target, by: Actor, s: Scores, comment?: string): EvaluationEvent => ({
  type: 'EvaluationRecorded',
  data: { demandId: 'd1', target, evaluator: by, scores: s, ...(comment !== undefined ? { comment } : {}), evaluatedAt: at },
});

describe('evaluations of a demand', () => {
  const spec = DeciderSpecification.for(evaluationDecider);

  it('a proposal is noted once, closed once', () => {
    spec.given([]).when({ type: 'NoteProposal', data: noted.data as never }).then([noted]);
    spec.given([noted]).when({ type: 'NoteProposal', data: noted.data as never }).thenNothingHappened();
    spec.given([noted]).when({ type: 'CloseProposal', data: closed.data as never }).then([closed]);
    spec.given([noted, closed]).when({ type: 'CloseProposal', data: closed.data as never }).thenNothingHappened();
  });

  it("members of the demand's organisation and operators evaluate its proposals and considered resources", () => {
    spec.given([noted]).when(evaluate(plan, alice, scores(4), { comment: 'solid' })).then([recorded(plan, alice, scores(4), 'solid')]);
    spec.given([]).when(evaluate(resource, op, scores(3))).then([recorded(resource, op, scores(3))]);
  });

  it('another organisation may not; an unknown demand is not found; unknown, closed or unconsidered targets are refused', () => {
    spec.given([noted]).when(evaluate(plan, mallory, scores(4))).thenThrows(ForbiddenError);
    spec.given([noted]).when(evaluate(plan, alice, scores(4), { owner: null })).thenThrows(NotFoundError);
    spec.given([]).when(evaluate(plan, alice, scores(4))).thenThrows(IllegalStateError);
    spec.given([noted, closed]).when(evaluate(plan, alice, scores(4))).thenThrows(IllegalStateError);
    spec.given([]).when(evaluate(resource, alice, scores(4), { considered: false })).thenThrows(IllegalStateError);
  });

  it('compares targets by per-criterion averages of each evaluator’s latest scores, best first', () => {
    const s = [noted, recorded(plan, alice, scores(2)), recorded(plan, alice, scores(4)), recorded(plan, bob, scores(5, 3), 'quick'), recorded(resource, op, scores(3))].reduce(
      evaluationDecider.evolve,
      evaluationDecider.initialState,
    );
    expect(compare(s)).toEqual([
      { target: plan, count: 2, evaluators: ['alice', 'bob'], averages: { novelty: 4.5, feasibility: 4.5, cost: 4.5, ip: 4.5, trlFit: 3.5 }, overall: 4.3, comments: [{ evaluator: 'bob', comment: 'quick' }] },
      { target: resource, count: 1, evaluators: ['op'], averages: { novelty: 3, feasibility: 3, cost: 3, ip: 3, trlFit: 3 }, overall: 3, comments: [] },
    ]);
  });
});
