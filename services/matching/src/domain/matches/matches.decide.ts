import type { Match } from '../ranking/rank';

/** The ranking recorded for a demand (or one of its sub-problems): what was proposed, and why. */
export type MatchesEvent = {
  type: 'ExpertsMatched';
  data: { demandId: string; subProblemId?: string; sourceEventId: string; matches: readonly Match[]; matchedAt: string };
};

export type MatchesCommand = {
  type: 'RecordMatches';
  data: { demandId: string; subProblemId?: string; sourceEventId: string; matches: readonly Match[] };
  metadata: { now: Date };
};

export interface Matches {
  latest?: MatchesEvent['data'];
}

export const initialState: Matches = {};

// Each ranking is recorded, also a re-ranking of a revised demand; a redelivered event is deduplicated
// by the consumer's deterministic event ids, not here.
export const decide = (cmd: MatchesCommand): MatchesEvent[] => {
  const { subProblemId, ...rest } = cmd.data;
  return [{ type: 'ExpertsMatched', data: { ...rest, ...(subProblemId !== undefined ? { subProblemId } : {}), matchedAt: cmd.metadata.now.toISOString() } }];
};

export const evolve = (_s: Matches, e: MatchesEvent): Matches => (e.type === 'ExpertsMatched' ? { latest: e.data } : _s);

export const matchesDecider = { decide: (cmd: MatchesCommand, _s: Matches) => decide(cmd), evolve, initialState };
export const matchesStream = (demandId: string): string => `matches-${demandId}`;
