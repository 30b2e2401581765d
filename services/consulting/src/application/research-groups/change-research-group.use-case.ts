import type { Principal } from '@hope/kernel';
import type { ResearchGroupCommand } from '../../domain/research-group/research-group.decide';
import { requireKnown } from '../directory/known-references';
import { visibleGroup, type GroupSeen, type ResearchGroupDeps } from './research-group-deps';

type Bare<C> = C extends { type: infer T; data: infer D } ? { type: T; data: D } : never;
/** Add or remove a member, plan or reach a milestone, close the group. */
export type ResearchGroupChange = Bare<Exclude<ResearchGroupCommand, { type: 'FormResearchGroup' }>>;

/** Commands on an existing group; a group the caller may not see is a 404, as for reads. Answers the group after the change. */
export async function changeResearchGroup(deps: ResearchGroupDeps, who: Principal, groupId: string, change: ResearchGroupChange): Promise<GroupSeen> {
  // Write decision from a read model: who may act on a group (sponsor, past or present member) is read from
  // the research-groups rows, so a group not yet projected answers 404; the decider re-checks the party rules.
  visibleGroup(deps.groupViews, who, groupId);
  if (change.type === 'AddMember') await requireKnown(deps.known, { experts: { expertId: change.data.expertId } });
  const command = { ...change, actor: who, metadata: { now: deps.clock.now() } } as ResearchGroupCommand;
  await deps.groups.handle(groupId, command, { commandId: deps.ids.next() });
  return visibleGroup(deps.groupViews, who, groupId);
}
