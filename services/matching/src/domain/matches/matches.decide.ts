import type { DemandPublishedV3 } from '@hope/contracts';
import { IllegalStateError } from '@hope/kernel';
import type { Match } from '../ranking/rank';

/** What a demand asks, as matching ranks it (kept to re-match it when experts join or change their skills). */
export type DemandSubject = Pick<DemandPublishedV3, 'demandId' | 'organisationId' | 'title' | 'description' | 'domain' | 'keywords' | 'capabilities' | 'subProblems' | 'visibility'>;

export class ExpertNotMatched extends IllegalStateError {
  constructor(demandId: string, expertId: string) {
    super('MATCHES.NOT_MATCHED', `Expert ${expertId} is not among the experts matched with demand ${demandId}: only matched experts may be invited`, { status: 422 });
  }
}

/**
 * The rankings recorded for a demand and for each of its sub-problems: what was proposed, and why;
 * then the invitations to the matched experts not invited to that demand or sub-problem before (a
 * revision re-ranks, and only the newcomers are invited). A sub-problem is its own question, so an
 * expert invited to the whole demand is still invited to a sub-problem they are matched with.
 */
export type MatchesEvent =
  | { type: 'ExpertsMatched'; data: { demandId: string; subProblemId?: string; sourceEventId: string; matches: readonly Match[]; matchedAt: string; confidentiality?: string } }
  | { type: 'MatchedExpertsInvited'; data: { demandId: string; subProblemId?: string; expertIds: readonly string[]; invitedAt: string } }
  | { type: 'DemandNdaAccepted'; data: { demandId: string; expertId: string; acceptedAt: string; sourceEventId: string } }
  /** The demand as last published or revised: who owns it (who may see its matches) and what it asks (re-matching). */
  | { type: 'DemandSubjectRecorded'; data: { demand: DemandSubject; sourceEventId: string; recordedAt: string } }
  /** Closed, expired or cancelled: no more re-matching. */
  | { type: 'DemandMatchingClosed'; data: { demandId: string; reason: 'closed' | 'expired' | 'cancelled'; closedAt: string } }
  /** The owning enterprise (or an operator) invited one of the matched experts, once per expert. */
  | { type: 'MatchedExpertInvitedByEnterprise'; data: { demandId: string; expertId: string; organisationId: string; invitedBy: string; invitedAt: string } };

/** One ranking: the demand as a whole (no subProblemId) or one sub-problem. */
export interface ScopedRanking {
  readonly subProblemId?: string;
  readonly matches: readonly Match[];
}

/**
 * All rankings caused by one demand event, recorded in one append (all or nothing), with the demand's
 * confidentiality (who may open it: see `mayView`). And an expert's acceptance of a confidential
 * demand's NDA, from the demand service's NdaAccepted.
 */
export type MatchesCommand =
  | {
      type: 'RecordMatches';
      data: { demandId: string; sourceEventId: string; rankings: readonly ScopedRanking[]; confidentiality?: string; demand?: DemandSubject };
      metadata: { now: Date };
    }
  /**
   * Rankings made again because these experts joined or changed their profile: recorded (and the
   * newcomers invited) only for the scopes where one of them is a newcomer, and never once closed.
   */
  | { type: 'RematchExperts'; data: { demandId: string; sourceEventId: string; expertIds: readonly string[]; rankings: readonly ScopedRanking[] }; metadata: { now: Date } }
  | { type: 'CloseDemandMatching'; data: { demandId: string; reason: 'closed' | 'expired' | 'cancelled' }; metadata: { now: Date } }
  | { type: 'InviteMatchedExpert'; data: { demandId: string; expertId: string; organisationId: string; invitedBy: string }; metadata: { now: Date } }
  | { type: 'RecordNdaAcceptance'; data: { demandId: string; expertId: string; acceptedAt: string; sourceEventId: string }; metadata: { now: Date } };

export type RecordedMatches = Extract<MatchesEvent, { type: 'ExpertsMatched' }>['data'];

export interface Matches {
  /** The latest ranking per scope (`scopeKey`). */
  latest: ReadonlyMap<string, RecordedMatches>;
  /** Experts invited so far per scope. */
  invited: ReadonlyMap<string, ReadonlySet<string>>;
  /** The demand's confidentiality as last announced; undefined for rankings recorded before it was kept. */
  confidentiality?: string;
  /** Experts who accepted the demand's NDA (confidential demands). */
  ndaAccepted: ReadonlySet<string>;
  /** The demand as last announced; undefined for demands matched before it was kept. */
  subject?: DemandSubject;
  closed?: boolean;
  /** Experts the owning enterprise invited itself. */
  invitedByEnterprise?: ReadonlySet<string>;
}

/** Whether the expert is in the latest ranking of the demand or of one of its sub-problems. */
export const isMatched = (s: Matches, expertId: string): boolean => [...s.latest.values()].some((r) => r.matches.some((m) => m.expertId === expertId));

/** '' is the demand as a whole; a sub-problem is keyed by its id (unique within the demand). */
export const scopeKey = (subProblemId: string | undefined): string => (subProblemId === undefined ? '' : `sp:${subProblemId}`);

export const initialState: Matches = { latest: new Map(), invited: new Map(), ndaAccepted: new Set() };

/**
 * Whether an expert may open the demand (its "viewed" step): a confidential demand only by the experts
 * we invited to it or who accepted its NDA; others (and demands we know nothing of) by any expert.
 */
export const mayView = (s: Matches, expertId: string): boolean =>
  s.confidentiality !== 'confidential' || s.ndaAccepted.has(expertId) || [...s.invited.values()].some((ids) => ids.has(expertId));

// Each ranking is recorded, also a re-ranking of a revised demand; a redelivered event is deduplicated
// by the consumer's deterministic event ids, not here.
export const decide = (cmd: MatchesCommand, s: Matches): MatchesEvent[] => {
  const at = cmd.metadata.now.toISOString();
  switch (cmd.type) {
    case 'RecordNdaAcceptance':
      return s.ndaAccepted.has(cmd.data.expertId) ? [] : [{ type: 'DemandNdaAccepted', data: cmd.data }];
    case 'CloseDemandMatching':
      return s.closed ? [] : [{ type: 'DemandMatchingClosed', data: { ...cmd.data, closedAt: at } }];
    case 'InviteMatchedExpert': {
      const { demandId, expertId } = cmd.data;
      if (!isMatched(s, expertId)) throw new ExpertNotMatched(demandId, expertId);
      return s.invitedByEnterprise?.has(expertId) ? [] : [{ type: 'MatchedExpertInvitedByEnterprise', data: { ...cmd.data, invitedAt: at } }];
    }
    case 'RematchExperts': {
      if (s.closed) return [];
      const candidates = new Set(cmd.data.expertIds);
      const rankings = cmd.data.rankings.filter((r) => r.matches.some((m) => candidates.has(m.expertId) && !s.invited.get(scopeKey(r.subProblemId))?.has(m.expertId)));
      return recordRankings(s, cmd.data.demandId, cmd.data.sourceEventId, rankings, s.confidentiality, at);
    }
    case 'RecordMatches': {
      const { demandId, sourceEventId, confidentiality, demand } = cmd.data;
      // The subject goes last: the ids of the ranking events stay what they were before it was kept.
      return [
        ...recordRankings(s, demandId, sourceEventId, cmd.data.rankings, confidentiality, at),
        ...(demand ? [{ type: 'DemandSubjectRecorded' as const, data: { demand, sourceEventId, recordedAt: at } }] : []),
      ];
    }
  }
};

function recordRankings(s: Matches, demandId: string, sourceEventId: string, rankings: readonly ScopedRanking[], confidentiality: string | undefined, at: string): MatchesEvent[] {
  return rankings.flatMap((r): MatchesEvent[] => {
    const sub = r.subProblemId !== undefined ? { subProblemId: r.subProblemId } : {};
    const invited = s.invited.get(scopeKey(r.subProblemId));
    const newcomers = r.matches.map((m) => m.expertId).filter((id) => !invited?.has(id));
    return [
      { type: 'ExpertsMatched', data: { demandId, ...sub, sourceEventId, matches: r.matches, matchedAt: at, ...(confidentiality !== undefined ? { confidentiality } : {}) } },
      ...(newcomers.length > 0 ? [{ type: 'MatchedExpertsInvited' as const, data: { demandId, ...sub, expertIds: newcomers, invitedAt: at } }] : []),
    ];
  });
}

export const evolve = (s: Matches, e: MatchesEvent): Matches => {
  switch (e.type) {
    case 'ExpertsMatched':
      return { ...s, latest: new Map([...s.latest, [scopeKey(e.data.subProblemId), e.data]]), ...(e.data.confidentiality !== undefined ? { confidentiality: e.data.confidentiality } : {}) };
    case 'MatchedExpertsInvited': {
      const key = scopeKey(e.data.subProblemId);
      return { ...s, invited: new Map([...s.invited, [key, new Set([...(s.invited.get(key) ?? []), ...e.data.expertIds])]]) };
    }
    case 'DemandNdaAccepted':
      return { ...s, ndaAccepted: new Set([...s.ndaAccepted, e.data.expertId]) };
    case 'DemandSubjectRecorded':
      return { ...s, subject: e.data.demand, confidentiality: e.data.demand.visibility };
    case 'DemandMatchingClosed':
      return { ...s, closed: true };
    case 'MatchedExpertInvitedByEnterprise':
      return { ...s, invitedByEnterprise: new Set([...(s.invitedByEnterprise ?? []), e.data.expertId]) };
    default:
      return s;
  }
};

export const matchesDecider = { decide, evolve, initialState };
export const matchesStream = (demandId: string): string => `matches-${demandId}`;
export const MATCHES_EVENT_TYPES: readonly MatchesEvent['type'][] = ['ExpertsMatched', 'MatchedExpertsInvited'];
/** What the open-demands read model follows. */
export const DEMAND_SUBJECT_EVENT_TYPES: readonly MatchesEvent['type'][] = ['DemandSubjectRecorded', 'DemandMatchingClosed'];
