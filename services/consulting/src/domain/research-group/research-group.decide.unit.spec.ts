import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, ValidationError, type Principal } from '@hope/kernel';
import { researchGroupDecider, type ResearchGroupCommand } from './research-group.decide';
import type { ResearchGroupEvent } from './research-group.events';

const spec = DeciderSpecification.for(researchGroupDecider);
const now = new Date('2030-05-01T00:00:00.000Z');
const at = now.toISOString();
const lead: Principal = { role: 'expert', subject: 'exp-lead' };
const sponsor: Principal = { role: 'enterprise', subject: 'b', organisationId: 'org-a' };
const groupId = 'g-1';
const formed: ResearchGroupEvent = {
  type: 'ResearchGroupFormed',
  data: { groupId, title: 't', topic: 'x', demandId: null, organisationId: 'org-a', leadExpertId: 'exp-lead', startsAt: '2030-05-02T00:00:00.000Z', endsAt: '2030-08-01T00:00:00.000Z', formedBy: 'b', at },
};
const joined = (expertId: string): ResearchGroupEvent => ({ type: 'ResearchGroupMemberJoined', data: { groupId, expertId, by: 'b', at } });
const planned = (milestoneId: string): ResearchGroupEvent => ({ type: 'MilestonePlanned', data: { groupId, milestoneId, title: 'm', dueAt: '2030-06-01T00:00:00.000Z', by: 'exp-lead', at } });
const cmd = (c: { type: ResearchGroupCommand['type']; data: unknown }, actor: Principal = lead) => ({ ...c, actor, metadata: { now } }) as ResearchGroupCommand;

describe('research group', () => {
  it('the sponsor forms it with the lead and members, each joining in the same append; not for another organisation', () => {
    const form = (actor: Principal, memberIds = ['exp-a']) =>
      cmd({ type: 'FormResearchGroup', data: { groupId, title: 't', topic: 'x', demandId: null, organisationId: 'org-a', leadExpertId: 'exp-lead', memberIds, startsAt: formed.data.startsAt, endsAt: formed.data.endsAt } }, actor);
    spec.given([]).when(form(sponsor, ['exp-a', 'exp-lead'])).then([formed, joined('exp-lead'), joined('exp-a')]);
    spec.given([]).when(form({ role: 'enterprise', subject: 'x', organisationId: 'org-b' })).thenThrows(ForbiddenError);
    spec.given([]).when(form(sponsor, Array.from({ length: 12 }, (_, n) => `e-${n}`))).thenThrows(ValidationError);
  });

  it('members join once, leave themselves; the lead stays', () => {
    spec.given([formed, joined('exp-lead')]).when(cmd({ type: 'AddMember', data: { expertId: 'exp-a' } })).then([{ type: 'ResearchGroupMemberJoined', data: { groupId, expertId: 'exp-a', by: 'exp-lead', at } }]);
    spec.given([formed, joined('exp-lead'), joined('exp-a')]).when(cmd({ type: 'AddMember', data: { expertId: 'exp-a' } })).thenNothingHappened();
    spec.given([formed, joined('exp-a')]).when(cmd({ type: 'RemoveMember', data: { expertId: 'exp-a', reason: null } }, { role: 'expert', subject: 'exp-a' })).then([
      { type: 'ResearchGroupMemberLeft', data: { groupId, expertId: 'exp-a', by: 'exp-a', reason: null, at } },
    ]);
    spec.given([formed, joined('exp-lead')]).when(cmd({ type: 'RemoveMember', data: { expertId: 'exp-lead', reason: null } }, sponsor)).thenThrows(IllegalStateError);
  });

  it('milestones fall within the period; closing lists the missed ones and freezes the group', () => {
    spec.given([formed]).when(cmd({ type: 'PlanMilestone', data: { milestoneId: 'm-1', title: 'm', dueAt: '2031-01-01T00:00:00.000Z' } })).thenThrows(ValidationError);
    spec.given([formed]).when(cmd({ type: 'PlanMilestone', data: { milestoneId: 'm-1', title: 'm', dueAt: '2030-06-01T00:00:00Z' } })).then([planned('m-1')]);
    const reached: ResearchGroupEvent = { type: 'MilestoneReached', data: { groupId, milestoneId: 'm-1', note: null, by: 'exp-lead', at } };
    const closed: ResearchGroupEvent = { type: 'ResearchGroupClosed', data: { groupId, report: { summary: 's', findings: [] }, missedMilestones: ['m-2'], closedBy: 'exp-lead', at } };
    spec.given([formed, planned('m-1'), planned('m-2'), reached]).when(cmd({ type: 'CloseResearchGroup', data: { report: { summary: 's', findings: [] } } })).then([closed]);
    spec.given([formed, planned('m-1')]).when(cmd({ type: 'CloseResearchGroup', data: { report: { summary: 's', findings: [] } } }, sponsor)).thenThrows(ForbiddenError);
    spec.given([formed, closed]).when(cmd({ type: 'AddMember', data: { expertId: 'exp-z' } })).thenThrows(IllegalStateError);
  });
});
