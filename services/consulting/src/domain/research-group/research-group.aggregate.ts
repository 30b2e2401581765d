import { aggregate, type AggregateHandler } from '@hope/kernel';
import { researchGroupDecider, type ResearchGroup, type ResearchGroupCommand } from './research-group.decide';
import { researchGroupStream, type ResearchGroupEvent } from './research-group.events';

/** One virtual research group, keyed by group id; handler names as first written (they feed the event ids). */
export const researchGroups = aggregate({
  name: 'consulting.research-group',
  streamOf: (groupId: string) => researchGroupStream(groupId),
  decider: researchGroupDecider,
  retries: 10,
  handlerNames: {
    FormResearchGroup: 'consulting.FormResearchGroup',
    AddMember: 'consulting.AddMember',
    RemoveMember: 'consulting.RemoveMember',
    PlanMilestone: 'consulting.PlanMilestone',
    ReachMilestone: 'consulting.ReachMilestone',
    CloseResearchGroup: 'consulting.CloseResearchGroup',
  } satisfies Record<ResearchGroupCommand['type'], string>,
});

export type ResearchGroupHandler = AggregateHandler<ResearchGroup, ResearchGroupCommand, ResearchGroupEvent>;
