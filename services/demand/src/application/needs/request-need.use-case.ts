import type { CommandMeta, Principal } from '@hope/kernel';
import type { NeedContent } from '../../domain/need/need.events';
import type { NeedDeps } from './need.deps';
import { advanceNeedIfReachable, recordNeedStep } from './need-saga';
import { visibleNeed } from './visible-need';

/** An expert asks to publish a need of their own; the need id is the command id. Reserving the points follows at once. */
export async function requestNeed(deps: NeedDeps, input: { content: NeedContent; by: Principal }, meta: CommandMeta) {
  const needId = meta.commandId;
  await recordNeedStep(deps, needId, { type: 'RequestNeed', data: { needId, content: input.content } }, input.by, meta);
  return visibleNeed(await advanceNeedIfReachable(deps, needId), input.by);
}
