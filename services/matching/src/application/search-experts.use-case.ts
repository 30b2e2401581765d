import type { ExpertSearch, ExpertView } from '../projections/registry/registry.queries';

export interface SearchExpertsDeps {
  readonly registry: { search(s: ExpertSearch): { items: ExpertView[]; nextCursor?: string } };
  readonly text: { matching(q: string): string[] | undefined };
}

/** How many text matches are handed to the read model per round (it applies the other filters). */
const IDS_PER_ROUND = 1_000;

/**
 * Expert search: the text `q` matches when every word of it is in the name, bio, expertise, skills,
 * domains or certifications, in any order, in Chinese or English (the ranking's analyzer); the other
 * filters and the cursor paging by expert id stay the read model's. A `q` the analyzer keeps no word
 * of (punctuation, stop words) falls back to a substring of the public profile.
 */
export function searchExperts(deps: SearchExpertsDeps, s: ExpertSearch): { items: ExpertView[]; nextCursor?: string } {
  if (s.q === undefined || s.q.trim() === '') return deps.registry.search(s);
  const ids = deps.text.matching(s.q);
  if (ids === undefined) return deps.registry.search(s);
  const { q: _q, ...filters } = s;
  const after = s.cursor === undefined ? ids : ids.filter((id) => id > s.cursor!);
  const items: ExpertView[] = [];
  for (let i = 0; i < after.length && items.length <= s.limit; i += IDS_PER_ROUND) {
    const round = deps.registry.search({ ...filters, ids: after.slice(i, i + IDS_PER_ROUND), limit: s.limit + 1 - items.length });
    items.push(...round.items);
  }
  const page = items.slice(0, s.limit);
  return items.length > s.limit ? { items: page, nextCursor: page[page.length - 1]!.expertId } : { items: page };
}
