import { IllegalStateError, NotFoundError, ValidationError, isStaff, type Principal, hasVisibleText } from '@hope/kernel';
import { forbid } from '../shared/forbid';
import type { ClosingReport, ResearchGroupEvent } from './research-group.events';

export const GROUP_RULES = { maxMembers: 12, maxMilestones: 20, maxMonths: 24 } as const;

export type ResearchGroup =
  | { readonly status: 'none' }
  | {
      readonly status: 'open' | 'closed';
      readonly groupId: string;
      readonly organisationId: string;
      readonly leadExpertId: string;
      readonly startsAt: string;
      readonly endsAt: string;
      readonly members: readonly string[];
      readonly milestones: Readonly<Record<string, { readonly reached: boolean }>>;
    };

type Meta = { now: Date };
export type ResearchGroupCommand =
  | {
      type: 'FormResearchGroup';
      data: { groupId: string; title: string; topic: string; demandId: string | null; organisationId: string; leadExpertId: string; memberIds: readonly string[]; startsAt: string; endsAt: string };
      actor: Principal;
      metadata: Meta;
    }
  | { type: 'AddMember'; data: { expertId: string }; actor: Principal; metadata: Meta }
  | { type: 'RemoveMember'; data: { expertId: string; reason: string | null }; actor: Principal; metadata: Meta }
  | { type: 'PlanMilestone'; data: { milestoneId: string; title: string; dueAt: string }; actor: Principal; metadata: Meta }
  | { type: 'ReachMilestone'; data: { milestoneId: string; note: string | null }; actor: Principal; metadata: Meta }
  | { type: 'CloseResearchGroup'; data: { report: ClosingReport }; actor: Principal; metadata: Meta };

export const initialState: ResearchGroup = { status: 'none' };

export const evolve = (s: ResearchGroup, e: ResearchGroupEvent): ResearchGroup => {
  if (e.type === 'ResearchGroupFormed') {
    const d = e.data;
    return { status: 'open', groupId: d.groupId, organisationId: d.organisationId, leadExpertId: d.leadExpertId, startsAt: d.startsAt, endsAt: d.endsAt, members: [], milestones: {} };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'ResearchGroupMemberJoined':
      return { ...s, members: [...s.members, e.data.expertId] };
    case 'ResearchGroupMemberLeft':
      return { ...s, members: s.members.filter((m) => m !== e.data.expertId) };
    case 'MilestonePlanned':
      return { ...s, milestones: { ...s.milestones, [e.data.milestoneId]: { reached: false } } };
    case 'MilestoneReached':
      return { ...s, milestones: { ...s.milestones, [e.data.milestoneId]: { reached: true } } };
    case 'ResearchGroupClosed':
      return { ...s, status: 'closed' };
    default:
      return s;
  }
};

const invalid = (field: string, reason: string): never => {
  throw new ValidationError('REQUEST.INVALID', `${field} ${reason}`, [{ field, reason }]);
};

const isSponsor = (s: { organisationId: string }, a: Principal) => a.role === 'enterprise' && a.organisationId === s.organisationId;
const isLead = (s: { leadExpertId: string }, a: Principal) => a.role === 'expert' && a.subject === s.leadExpertId;

export const decide = (cmd: ResearchGroupCommand, s: ResearchGroup): ResearchGroupEvent[] => {
  const at = cmd.metadata.now.toISOString();
  const by = cmd.actor.subject;
  if (cmd.type === 'FormResearchGroup') {
    const d = cmd.data;
    if (!isStaff(cmd.actor) && !(cmd.actor.role === 'enterprise' && cmd.actor.organisationId === d.organisationId)) forbid('form a research group (operators, or the sponsoring enterprise)');
    if (s.status !== 'none') throw new IllegalStateError('RESEARCH_GROUP.ALREADY_EXISTS', `Research group ${d.groupId} already exists`);
    const starts = Date.parse(d.startsAt);
    const ends = Date.parse(d.endsAt);
    if (!(ends > starts)) invalid('endsAt', 'must be after startsAt');
    if (!(ends > cmd.metadata.now.getTime())) invalid('endsAt', 'must be in the future');
    if (ends - starts > GROUP_RULES.maxMonths * 31 * 86_400_000) invalid('endsAt', `must be within ${GROUP_RULES.maxMonths} months of startsAt`);
    const members = [...new Set([d.leadExpertId, ...d.memberIds])];
    if (members.length > GROUP_RULES.maxMembers) invalid('memberIds', `a group has at most ${GROUP_RULES.maxMembers} experts`);
    const { memberIds: _, ...formed } = d;
    return [
      { type: 'ResearchGroupFormed', data: { ...formed, startsAt: new Date(starts).toISOString(), endsAt: new Date(ends).toISOString(), formedBy: by, at } },
      ...members.map((expertId): ResearchGroupEvent => ({ type: 'ResearchGroupMemberJoined', data: { groupId: d.groupId, expertId, by, at } })),
    ];
  }
  if (s.status === 'none') throw new NotFoundError('RESEARCH_GROUP.NOT_FOUND', 'No such research group');
  if (s.status === 'closed') throw new IllegalStateError('RESEARCH_GROUP.CLOSED', 'The research group is closed');
  const groupId = s.groupId;
  const manages = isStaff(cmd.actor) || isSponsor(s, cmd.actor) || isLead(s, cmd.actor);
  switch (cmd.type) {
    case 'AddMember':
      if (!manages) forbid('add members (the lead, the sponsor or an operator)');
      if (s.members.includes(cmd.data.expertId)) return [];
      if (s.members.length >= GROUP_RULES.maxMembers) throw new IllegalStateError('RESEARCH_GROUP.FULL', `A group has at most ${GROUP_RULES.maxMembers} experts`);
      return [{ type: 'ResearchGroupMemberJoined', data: { groupId, expertId: cmd.data.expertId, by, at } }];
    case 'RemoveMember': {
      const self = cmd.actor.role === 'expert' && cmd.actor.subject === cmd.data.expertId;
      if (!manages && !self) forbid('remove a member (the member, the lead, the sponsor or an operator)');
      if (!s.members.includes(cmd.data.expertId)) throw new IllegalStateError('RESEARCH_GROUP.NOT_A_MEMBER', `${cmd.data.expertId} is not a member`);
      if (cmd.data.expertId === s.leadExpertId) throw new IllegalStateError('RESEARCH_GROUP.LEAD_STAYS', 'The lead expert stays until the group closes');
      return [{ type: 'ResearchGroupMemberLeft', data: { groupId, expertId: cmd.data.expertId, by, reason: cmd.data.reason, at } }];
    }
    case 'PlanMilestone': {
      if (!manages) forbid('plan milestones (the lead, the sponsor or an operator)');
      if (s.milestones[cmd.data.milestoneId]) return [];
      if (Object.keys(s.milestones).length >= GROUP_RULES.maxMilestones) throw new IllegalStateError('RESEARCH_GROUP.TOO_MANY_MILESTONES', `At most ${GROUP_RULES.maxMilestones} milestones`);
      const due = Date.parse(cmd.data.dueAt);
      if (!(due > Date.parse(s.startsAt) && due <= Date.parse(s.endsAt))) invalid('dueAt', `must fall within the group's period (${s.startsAt} to ${s.endsAt})`);
      return [{ type: 'MilestonePlanned', data: { groupId, milestoneId: cmd.data.milestoneId, title: cmd.data.title, dueAt: new Date(due).toISOString(), by, at } }];
    }
    case 'ReachMilestone': {
      if (!isStaff(cmd.actor) && !isLead(s, cmd.actor)) forbid('mark a milestone reached (the lead or an operator)');
      const m = s.milestones[cmd.data.milestoneId];
      if (!m) throw new NotFoundError('RESEARCH_GROUP.MILESTONE_NOT_FOUND', `No milestone ${cmd.data.milestoneId}`);
      if (m.reached) return [];
      return [{ type: 'MilestoneReached', data: { groupId, milestoneId: cmd.data.milestoneId, note: cmd.data.note, by, at } }];
    }
    case 'CloseResearchGroup': {
      if (!isStaff(cmd.actor) && !isLead(s, cmd.actor)) forbid('close the group (the lead or an operator)');
      if (!hasVisibleText(cmd.data.report.summary)) invalid('summary', 'must not be empty');
      // Closing is allowed with open milestones; the report records them as missed.
      const missedMilestones = Object.entries(s.milestones)
        .filter(([, m]) => !m.reached)
        .map(([id]) => id);
      return [{ type: 'ResearchGroupClosed', data: { groupId, report: { summary: cmd.data.report.summary, findings: [...cmd.data.report.findings] }, missedMilestones, closedBy: by, at } }];
    }
  }
};

export const researchGroupDecider = { decide, evolve, initialState };
