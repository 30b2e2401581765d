import type { Principal } from '@hope/kernel';
import { NeedNotFound } from '../../domain/need/need.decide';
import type { Need } from '../../domain/need/need.state';

/** Published needs are everyone's to read; the others only their expert's and staff's. */
export function visibleNeed(n: Need, who: Principal): Exclude<Need, { status: 'none' }> {
  if (n.status === 'none') throw new NeedNotFound();
  const staff = who.role === 'operator' || who.role === 'analyst' || who.role === 'service';
  if (n.status !== 'published' && !staff && who.subject !== n.expertId) throw new NeedNotFound();
  return n;
}
