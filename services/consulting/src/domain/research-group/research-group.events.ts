/**
 * A virtual research group (stream `research-group-<groupId>`): several experts around one topic or
 * demand for a period, with milestones, membership changes and a closing report.
 */
export interface ClosingReport {
  readonly summary: string;
  readonly findings: readonly string[];
}

export type ResearchGroupEvent =
  | {
      type: 'ResearchGroupFormed';
      data: { groupId: string; title: string; topic: string; demandId: string | null; organisationId: string; leadExpertId: string; startsAt: string; endsAt: string; formedBy: string; at: string };
    }
  | { type: 'ResearchGroupMemberJoined'; data: { groupId: string; expertId: string; by: string; at: string } }
  | { type: 'ResearchGroupMemberLeft'; data: { groupId: string; expertId: string; by: string; reason: string | null; at: string } }
  | { type: 'MilestonePlanned'; data: { groupId: string; milestoneId: string; title: string; dueAt: string; by: string; at: string } }
  | { type: 'MilestoneReached'; data: { groupId: string; milestoneId: string; note: string | null; by: string; at: string } }
  | { type: 'ResearchGroupClosed'; data: { groupId: string; report: ClosingReport; missedMilestones: string[]; closedBy: string; at: string } };

export const RESEARCH_GROUP_EVENT_TYPES: readonly ResearchGroupEvent['type'][] = [
  'ResearchGroupFormed',
  'ResearchGroupMemberJoined',
  'ResearchGroupMemberLeft',
  'MilestonePlanned',
  'MilestoneReached',
  'ResearchGroupClosed',
];

export const researchGroupStreamPrefix = 'research-group-';
export const researchGroupStream = (groupId: string): string => `${researchGroupStreamPrefix}${groupId}`;
