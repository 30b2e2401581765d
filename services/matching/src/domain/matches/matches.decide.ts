import type { Match } from '../ranking/rank';

/**
 * The ranking recorded for a demand (or one of its sub-problems): what was proposed, and why; then
 * the invitations to the matched experts not invited to this demand before (a revision re-ranks, and
 * only the newcomers are invited).
 */
export type MatchesEvent =
  | { type: 'ExpertsMatched'; data: { demandId: string; subProblemId?: string; sourceEventId: string; matches: readonly Match[]; matchedAt: string } }
  | { type: 'MatchedExpertsInvited'; data: { demandId: string; subProblemId?: string; expertIds: readonly string[]; invitedAt: string } };

export type MatchesCommand = {
  type: 'RecordMatches';
  data: { demandId: string; subProblemId?: string; sourceEventId: string; matches: readonly Match[] };
  metadata: { now: Date };
};

export interface Matches {
  latest?: Extract<MatchesEvent, { type: 'ExpertsMatched' }>['data'];
  invited: ReadonlySet<string>;
}

export const initialState: Matches = { invited: new Set() };

// Each ranking is recorded, also a re-ranking of a revised demand; a redelivered event is deduplicated
// by the consumer's deterministic event ids, not here.
export const decide = (cmd: MatchesCommand, s: Matches): MatchesEvent[] => {
  const { subProblemId, ...rest } = cmd.data;
  const at = cmd.metadata.now.toISOString();
  const sub = subProblemId !== undefined ? { subProblemId } : {};
  const newcomers = cmd.data.matches.map((m) => m.expertId).filter((id) => !s.invited.has(id));
  return [
    { type: 'ExpertsMatched', data: { ...rest, ...sub, matchedAt: at } },
    ...(newcomers.length > 0 ? [{ type: 'MatchedExpertsInvited' as const, data: { demandId: cmd.data.demandId, ...sub, expertIds: newcomers, invitedAt: at } }] : []),
  ];
};

export const evolve = (s: Matches, e: MatchesEvent): Matches => {
  switch (e.type) {
    case 'ExpertsMatched':
      return { ...s, latest: e.data };
    case 'MatchedExpertsInvited':
      return { ...s, invited: new Set([...s.invited, ...e.data.expertIds]) };
    default:
      return s;
  }
};

export const matchesDecider = { decide, evolve, initialState };
export const matchesStream = (demandId: string): string => `matches-${demandId}`;
export const MATCHES_EVENT_TYPES: readonly MatchesEvent['type'][] = ['ExpertsMatched', 'MatchedExpertsInvited'];
