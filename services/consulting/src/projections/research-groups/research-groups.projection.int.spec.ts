import { projectionSpec } from '@hope/eventstore/testing';
import { researchGroupsProjection } from './research-groups.projection';
import { SqliteResearchGroupsQueries } from './research-groups.queries';

const g = 'research-group-g-1';
const at = (d: number) => new Date(Date.UTC(2030, 0, d)).toISOString();

describe('research-groups projection', () => {
  it('a group with its members (current and past), milestones and closing report', async () => {
    await projectionSpec(
      researchGroupsProjection,
      [
        { stream: g, type: 'ResearchGroupFormed', data: { groupId: 'g-1', title: 'Quiet', topic: 'noise', demandId: null, organisationId: 'org-a', leadExpertId: 'exp-1', startsAt: at(1), endsAt: at(28), formedBy: 'u', at: at(1) } },
        { stream: g, type: 'ResearchGroupMemberJoined', data: { groupId: 'g-1', expertId: 'exp-1', by: 'u', at: at(1) } },
        { stream: g, type: 'ResearchGroupMemberJoined', data: { groupId: 'g-1', expertId: 'exp-2', by: 'u', at: at(2) } },
        { stream: g, type: 'ResearchGroupMemberLeft', data: { groupId: 'g-1', expertId: 'exp-2', by: 'exp-2', reason: null, at: at(3) } },
        { stream: g, type: 'MilestonePlanned', data: { groupId: 'g-1', milestoneId: 'ms-1', title: 'First', dueAt: at(10), by: 'u', at: at(2) } },
        { stream: g, type: 'MilestonePlanned', data: { groupId: 'g-1', milestoneId: 'ms-2', title: 'Second', dueAt: at(20), by: 'u', at: at(2) } },
        { stream: g, type: 'MilestoneReached', data: { groupId: 'g-1', milestoneId: 'ms-1', note: 'done', by: 'exp-1', at: at(9) } },
        { stream: g, type: 'ResearchGroupClosed', data: { groupId: 'g-1', report: { summary: 'Found it', findings: ['a'] }, missedMilestones: ['ms-2'], closedBy: 'exp-1', at: at(27) } },
      ],
      (db) => {
        const q = new SqliteResearchGroupsQueries(db);
        expect(q.get('g-1')).toEqual({
          groupId: 'g-1', title: 'Quiet', topic: 'noise', demandId: null, organisationId: 'org-a', leadExpertId: 'exp-1', startsAt: at(1), endsAt: at(28), status: 'closed',
          members: [
            { expertId: 'exp-1', status: 'active', joinedAt: at(1), leftAt: null },
            { expertId: 'exp-2', status: 'left', joinedAt: at(2), leftAt: at(3) },
          ],
          milestones: [
            { milestoneId: 'ms-1', title: 'First', dueAt: at(10), reachedAt: at(9), note: 'done' },
            { milestoneId: 'ms-2', title: 'Second', dueAt: at(20), reachedAt: null, note: null },
          ],
          closingReport: { summary: 'Found it', findings: ['a'], missedMilestones: ['ms-2'], closedAt: at(27) },
        });
        expect(q.isMember('g-1', 'exp-2')).toBe(true);
        expect(q.list({ memberId: 'exp-2' }).map((x) => x.groupId)).toEqual(['g-1']);
        expect(q.list({ organisationId: 'org-b' })).toEqual([]);
      },
    );
  });
});
