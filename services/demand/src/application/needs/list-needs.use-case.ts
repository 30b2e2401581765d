import type { Principal } from '@hope/kernel';
import type { NeedQueries } from '../../projections/needs/needs.queries';

/** Staff filter by status (the review queue is `in-review`); others see published needs and their own. */
export function listNeeds(deps: { needList: NeedQueries }, input: { status?: string; by: Principal }) {
  const { by, status } = input;
  if (by.role === 'operator' || by.role === 'analyst') return { items: deps.needList.list(status ? { status } : {}) };
  const mine = by.role === 'expert' ? deps.needList.list({ expertId: by.subject }) : [];
  const published = deps.needList.list({ status: 'published' }).filter((n) => n.expertId !== by.subject);
  return { items: [...mine, ...published].filter((n) => !status || n.status === status) };
}
