import { NotFoundError, type AggregateHandler } from '@hope/kernel';
import { scopeKey, type Matches, type MatchesCommand, type MatchesEvent, type RecordedMatches } from '../domain/matches/matches.decide';

/** The latest experts matched with a demand (or one of its sub-problems), each with its explanation, from the matches stream. */
export async function demandMatches(
  deps: { matches: AggregateHandler<Matches, MatchesCommand, MatchesEvent> },
  input: { demandId: string; subProblemId?: string },
): Promise<RecordedMatches> {
  const state = await deps.matches.load(input.demandId);
  const latest = state.latest.get(scopeKey(input.subProblemId));
  if (!latest) {
    const what = input.subProblemId === undefined ? `demand ${input.demandId}` : `sub-problem ${input.subProblemId} of demand ${input.demandId}`;
    throw new NotFoundError('MATCHES.NOT_FOUND', `No matches recorded for ${what}`);
  }
  return latest;
}
