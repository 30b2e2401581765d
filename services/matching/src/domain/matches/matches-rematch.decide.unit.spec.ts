import { DeciderSpecification } from '@hope/kernel/testing';
import { NO_TRACK_RECORD } from '../ranking/expert-index';
import type { Match } from '../ranking/rank';
import { ExpertNotMatched, matchesDecider, type DemandSubject, type MatchesCommand, type MatchesEvent } from './matches.decide';

const now = new Date('2026-06-01T00:00:00Z');
const at = now.toISOString();
const match = (expertId: string, rank: number): Match => ({
  expertId,
  rank,
  score: 1 - rank / 10,
  explanation: { matchedTerms: [], matchedSkills: [], matchedDomains: [], factors: {} as Match['explanation']['factors'], trackRecord: NO_TRACK_RECORD, rating: { count: 0, bayesian: 3.5 } },
});
const demand: DemandSubject = { demandId: 'd1', organisationId: 'org-a', title: { en: 'compressor noise' }, description: {}, domain: 'hvac', keywords: [], capabilities: [], subProblems: [], visibility: 'public' };
const matched = (source: string, ids: string[], subProblemId?: string): MatchesEvent => ({
  type: 'ExpertsMatched',
  data: { demandId: 'd1', ...(subProblemId ? { subProblemId } : {}), sourceEventId: source, matches: ids.map((id, i) => match(id, i + 1)), matchedAt: at },
});
const invited = (ids: string[], subProblemId?: string): MatchesEvent => ({ type: 'MatchedExpertsInvited', data: { demandId: 'd1', ...(subProblemId ? { subProblemId } : {}), expertIds: ids, invitedAt: at } });
const subject: MatchesEvent = { type: 'DemandSubjectRecorded', data: { demand, sourceEventId: 'e1', recordedAt: at } };
const rematch = (source: string, expertIds: string[], rankings: { subProblemId?: string; ids: string[] }[]): MatchesCommand => ({
  type: 'RematchExperts',
  data: { demandId: 'd1', sourceEventId: source, expertIds, rankings: rankings.map((r) => ({ ...(r.subProblemId ? { subProblemId: r.subProblemId } : {}), matches: r.ids.map((id, i) => match(id, i + 1)) })) },
  metadata: { now },
});
const invite = (expertId: string): MatchesCommand => ({ type: 'InviteMatchedExpert', data: { demandId: 'd1', expertId, organisationId: 'org-a', invitedBy: 'buyer' }, metadata: { now } });

describe('matches: the demand kept, re-matching, closing, invitations by the owner', () => {
  const spec = DeciderSpecification.for(matchesDecider);

  it('given nothing, when a demand is ranked with its subject, then the subject is recorded after the rankings', () => {
    spec
      .given([])
      .when({ type: 'RecordMatches', data: { demandId: 'd1', sourceEventId: 'e1', rankings: [{ matches: [match('a', 1)] }], demand }, metadata: { now } })
      .then([matched('e1', ['a']), invited(['a']), subject]);
  });

  it('given a ranked demand, when an expert who joined later ranks in it, then the ranking is recorded and the newcomer invited', () => {
    spec.given([matched('e1', ['a']), invited(['a']), subject]).when(rematch('j1', ['z'], [{ ids: ['z', 'a'] }])).then([{ ...matched('j1', ['z', 'a']), data: { ...matched('j1', ['z', 'a']).data, confidentiality: 'public' } } as MatchesEvent, invited(['z'])]);
  });

  it('given a ranked demand, when the experts who changed do not rank (or were invited already), then nothing is recorded', () => {
    spec.given([matched('e1', ['a']), invited(['a']), subject]).when(rematch('j1', ['z'], [{ ids: ['a'] }])).thenNothingHappened();
    spec.given([matched('e1', ['a']), invited(['a']), subject]).when(rematch('j2', ['a'], [{ ids: ['a'] }])).thenNothingHappened();
  });

  it('given a closed demand, when experts are re-matched, then nothing is recorded; closing twice records once', () => {
    const closed: MatchesEvent = { type: 'DemandMatchingClosed', data: { demandId: 'd1', reason: 'closed', closedAt: at } };
    spec.given([subject, closed]).when(rematch('j1', ['z'], [{ ids: ['z'] }])).thenNothingHappened();
    spec.given([subject]).when({ type: 'CloseDemandMatching', data: { demandId: 'd1', reason: 'closed' }, metadata: { now } }).then([closed]);
    spec.given([subject, closed]).when({ type: 'CloseDemandMatching', data: { demandId: 'd1', reason: 'expired' }, metadata: { now } }).thenNothingHappened();
  });

  it('given matches, when the owner invites a matched expert, then it is recorded once; an expert not matched is refused', () => {
    const byOwner: MatchesEvent = { type: 'MatchedExpertInvitedByEnterprise', data: { demandId: 'd1', expertId: 'b', organisationId: 'org-a', invitedBy: 'buyer', invitedAt: at } };
    spec.given([matched('e1', ['a']), matched('e1', ['b'], 'sp1'), subject]).when(invite('b')).then([byOwner]);
    spec.given([matched('e1', ['a']), matched('e1', ['b'], 'sp1'), byOwner]).when(invite('b')).thenNothingHappened();
    spec.given([matched('e1', ['a']), subject]).when(invite('mallory')).thenThrows(ExpertNotMatched);
  });
});
