import { DeciderSpecification } from '@hope/kernel/testing';
import { NO_TRACK_RECORD } from '../ranking/expert-index';
import type { Match } from '../ranking/rank';
import { matchesDecider, mayView, type MatchesCommand, type MatchesEvent } from './matches.decide';

const now = new Date('2026-06-01T00:00:00Z');
const at = now.toISOString();
const match = (expertId: string, rank: number): Match => ({
  expertId,
  rank,
  score: 1 - rank / 10,
  explanation: { matchedTerms: [], matchedSkills: [], matchedDomains: [], factors: {} as Match['explanation']['factors'], trackRecord: NO_TRACK_RECORD, rating: { count: 0, bayesian: 3.5 } },
});
const record = (source: string, rankings: { subProblemId?: string; ids: string[] }[]): MatchesCommand => ({
  type: 'RecordMatches',
  data: { demandId: 'd1', sourceEventId: source, rankings: rankings.map((r) => ({ ...(r.subProblemId ? { subProblemId: r.subProblemId } : {}), matches: r.ids.map((id, i) => match(id, i + 1)) })) },
  metadata: { now },
});
const matched = (source: string, ids: string[], subProblemId?: string): MatchesEvent => ({
  type: 'ExpertsMatched',
  data: { demandId: 'd1', ...(subProblemId ? { subProblemId } : {}), sourceEventId: source, matches: ids.map((id, i) => match(id, i + 1)), matchedAt: at },
});
const invited = (ids: string[], subProblemId?: string): MatchesEvent => ({ type: 'MatchedExpertsInvited', data: { demandId: 'd1', ...(subProblemId ? { subProblemId } : {}), expertIds: ids, invitedAt: at } });

describe('matches of a demand and its sub-problems', () => {
  const spec = DeciderSpecification.for(matchesDecider);

  it('given nothing, when a demand with two sub-problems is ranked, then each scope records its ranking and invites its experts', () => {
    spec
      .given([])
      .when(record('e1', [{ ids: ['a', 'b'] }, { subProblemId: 'sp1', ids: ['b', 'c'] }, { subProblemId: 'sp2', ids: [] }]))
      .then([matched('e1', ['a', 'b']), invited(['a', 'b']), matched('e1', ['b', 'c'], 'sp1'), invited(['b', 'c'], 'sp1'), matched('e1', [], 'sp2')]);
  });

  it('given earlier invitations, when re-ranked after a revision, then only the newcomers of each scope are invited', () => {
    spec
      .given([matched('e1', ['a', 'b']), invited(['a', 'b']), matched('e1', ['c'], 'sp1'), invited(['c'], 'sp1')])
      .when(record('e2', [{ ids: ['b', 'c'] }, { subProblemId: 'sp1', ids: ['a', 'c'] }]))
      .then([matched('e2', ['b', 'c']), invited(['c']), matched('e2', ['a', 'c'], 'sp1'), invited(['a'], 'sp1')]);
  });

  it('the latest ranking of each scope is kept apart', () => {
    const s = [matched('e1', ['a']), matched('e1', ['b'], 'sp1'), matched('e2', ['c'])].reduce(matchesDecider.evolve, matchesDecider.initialState);
    expect(s.latest.get('')!.matches.map((m) => m.expertId)).toEqual(['c']);
    expect(s.latest.get('sp:sp1')!.matches.map((m) => m.expertId)).toEqual(['b']);
  });

  it('a confidential demand is viewable by the experts invited to it or who accepted its NDA, once each; others only when not confidential', () => {
    const secret: MatchesEvent = { type: 'ExpertsMatched', data: { demandId: 'd1', sourceEventId: 'e1', matches: [], matchedAt: at, confidentiality: 'confidential' } };
    const nda = { demandId: 'd1', expertId: 'carol', acceptedAt: at, sourceEventId: 'n1' };
    spec.given([secret]).when({ type: 'RecordNdaAcceptance', data: nda, metadata: { now } }).then([{ type: 'DemandNdaAccepted', data: nda }]);
    spec.given([secret, { type: 'DemandNdaAccepted', data: nda }]).when({ type: 'RecordNdaAcceptance', data: { ...nda, sourceEventId: 'n2' }, metadata: { now } }).then([]);
    const fold = (events: MatchesEvent[]) => events.reduce(matchesDecider.evolve, matchesDecider.initialState);
    const s = fold([secret, invited(['a'], 'sp1'), { type: 'DemandNdaAccepted', data: nda }]);
    expect(['a', 'carol', 'mallory'].map((x) => mayView(s, x))).toEqual([true, true, false]);
    expect(mayView(fold([matched('e1', ['a'])]), 'mallory')).toBe(true);
    expect(mayView(matchesDecider.initialState, 'mallory')).toBe(true);
  });
});
