import type { Principal } from '@hope/kernel';
import type { NeedCommand } from '../../domain/need/need.decide';
import type { NeedDeps } from './need.deps';
import { advanceNeedIfReachable, recordNeedStep } from './need-saga';
import { visibleNeed } from './visible-need';

export type NeedReview = Pick<Extract<NeedCommand, { type: 'ApproveNeed' | 'RejectNeed' }>, 'type' | 'data'>;

/**
 * An operator approves (points captured) or rejects (points released) a need in review. The command id
 * is `<needId>:<decision>`: one approval or rejection per need, however often it is sent.
 */
export async function reviewNeed(deps: NeedDeps, input: { needId: string; review: NeedReview; by: Principal }) {
  await recordNeedStep(deps, input.needId, input.review, input.by);
  return visibleNeed(await advanceNeedIfReachable(deps, input.needId), input.by);
}
