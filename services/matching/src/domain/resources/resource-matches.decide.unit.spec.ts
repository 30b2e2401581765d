import { ForbiddenError, IllegalStateError, NotFoundError } from '@hope/kernel';
import { DeciderSpecification } from '@hope/kernel/testing';
import type { Actor } from './resource.decide';
import { resourceMatchesDecider, type ResourceMatchesCommand, type ResourceMatchesEvent } from './resource-matches.decide';

const now = new Date('2026-06-01T00:00:00Z');
const at = now.toISOString();
const alice: Actor = { subject: 'alice', role: 'enterprise', organisationId: 'acme' };
const mallory: Actor = { subject: 'mallory', role: 'enterprise', organisationId: 'globex' };
const match = (resourceId: string, rank: number) => ({ resourceId, rank, score: 10 - rank, explanation: { matchedTerms: ['noise'], fields: { title: ['noise'], capabilities: [], description: [] } } });
const record = (rankings: { subProblemId?: string; ids: string[] }[]): ResourceMatchesCommand => ({
  type: 'RecordResourceMatches',
  data: { demandId: 'd1', ownerOrganisationId: 'acme', sourceEventId: 'e1', rankings: rankings.map((r) => ({ ...(r.subProblemId ? { subProblemId: r.subProblemId } : {}), matches: r.ids.map((id, i) => match(id, i + 1)) })) },
  metadata: { now },
});
const matched = (ids: string[], subProblemId?: string): ResourceMatchesEvent => ({
  type: 'ResourcesMatched',
  data: { demandId: 'd1', ...(subProblemId ? { subProblemId } : {}), ownerOrganisationId: 'acme', sourceEventId: 'e1', matches: ids.map((id, i) => match(id, i + 1)), matchedAt: at },
});
const attach = (resourceId: string, by: Actor, resourceActive = true): ResourceMatchesCommand => ({ type: 'AttachResource', data: { demandId: 'd1', resourceId, resourceActive, by }, metadata: { now } });
const attached = (resourceId: string, by: Actor = alice): ResourceMatchesEvent => ({ type: 'ResourceAttachedToDemand', data: { demandId: 'd1', resourceId, attachedBy: by, attachedAt: at } });

describe('resource matches of a demand', () => {
  const spec = DeciderSpecification.for(resourceMatchesDecider);

  it('records one ranking for the demand and one per sub-problem, with the owner', () => {
    spec.given([]).when(record([{ ids: ['r1', 'r2'] }, { subProblemId: 'sp1', ids: ['r2'] }])).then([matched(['r1', 'r2']), matched(['r2'], 'sp1')]);
  });

  it('the owner or staff attach an active resource once; another organisation may not; an unknown demand is not found', () => {
    spec.given([matched(['r1'])]).when(attach('r9', alice)).then([attached('r9')]);
    spec.given([matched(['r1']), attached('r9')]).when(attach('r9', alice)).thenNothingHappened();
    spec.given([matched(['r1'])]).when(attach('r9', { subject: 'op', role: 'operator' })).then([attached('r9', { subject: 'op', role: 'operator' })]);
    spec.given([matched(['r1'])]).when(attach('r9', mallory)).thenThrows(ForbiddenError);
    spec.given([matched(['r1'])]).when(attach('r9', alice, false)).thenThrows(IllegalStateError);
    spec.given([]).when(attach('r9', alice)).thenThrows(NotFoundError);
  });

  it('what was ever matched or attached may be considered; the latest ranking per scope is kept', () => {
    const s = [matched(['r1', 'r2']), matched(['r3'], 'sp1'), matched(['r4']), attached('r9')].reduce(resourceMatchesDecider.evolve, resourceMatchesDecider.initialState);
    expect([...s.considered].sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r9']);
    expect(s.latest.get('')!.matches.map((m) => m.resourceId)).toEqual(['r4']);
    expect(s.latest.get('sp:sp1')!.matches.map((m) => m.resourceId)).toEqual(['r3']);
    expect(s.ownerOrganisationId).toBe('acme');
  });
});
