import { ForbiddenError, ValidationError, type CommandMeta, type Principal } from '@hope/kernel';
import { requireKnown } from '../directory/known-references';
import { visibleGroup, type GroupSeen, type ResearchGroupDeps } from './research-group-deps';

export interface FormResearchGroupInput {
  readonly title: string;
  readonly topic: string;
  readonly demandId: string | null;
  /** Required when an operator forms the group; an enterprise sponsors it for its own organisation. */
  readonly organisationId?: string;
  readonly leadExpertId: string;
  readonly memberIds: readonly string[];
  readonly startsAt: string;
  readonly endsAt: string;
}

/** Forms a group (the group id is the command id: a keyed retry forms nothing twice) and answers it as the caller sees it. */
export async function formResearchGroup(deps: ResearchGroupDeps, who: Principal, input: FormResearchGroupInput, meta: CommandMeta): Promise<GroupSeen> {
  if (who.role === 'operator' && !input.organisationId) throw new ValidationError('REQUEST.INVALID', 'organisationId is required', [{ field: 'organisationId', reason: 'is required when an operator forms a group' }]);
  // An enterprise sponsors for its own organisation only: naming another is refused, not quietly replaced.
  if (who.role === 'enterprise' && input.organisationId !== undefined && input.organisationId !== who.organisationId) {
    throw new ForbiddenError('CONSULTING.OTHER_TENANT', 'An enterprise forms research groups for its own organisation only');
  }
  const experts = Object.fromEntries([['leadExpertId', input.leadExpertId], ...input.memberIds.map((id, i) => [`memberIds.${i}`, id])]);
  await requireKnown(deps.known, { experts, ...(input.demandId ? { demands: { demandId: input.demandId } } : {}) });
  const groupId = meta.commandId;
  const organisationId = who.role === 'enterprise' ? (who.organisationId ?? '') : input.organisationId!;
  const { title, topic, demandId, leadExpertId, memberIds, startsAt, endsAt } = input;
  await deps.groups.handle(
    groupId,
    { type: 'FormResearchGroup', data: { groupId, title, topic, demandId, organisationId, leadExpertId, memberIds, startsAt, endsAt }, actor: who, metadata: { now: deps.clock.now() } },
    meta,
  );
  return visibleGroup(deps.groupViews, who, groupId);
}
