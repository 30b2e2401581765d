import type Database from 'better-sqlite3';
import { GROUP_MEMBERS_TABLE, GROUPS_TABLE, MILESTONES_TABLE, type GroupRow } from './research-groups.projection';

export interface ResearchGroupView {
  readonly groupId: string;
  readonly title: string;
  readonly topic: string;
  readonly demandId: string | null;
  readonly organisationId: string;
  readonly leadExpertId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly status: string;
  readonly members: { expertId: string; status: string; joinedAt: string; leftAt: string | null }[];
  readonly milestones: { milestoneId: string; title: string; dueAt: string; reachedAt: string | null; note: string | null }[];
  readonly closingReport: { summary?: string; findings?: string[]; missedMilestones: string[]; closedAt: string | null } | null;
}

/** The query port of the research-groups read model: groups with their members (current and past) and milestones. */
export abstract class ResearchGroupsQueries {
  abstract get(groupId: string): ResearchGroupView | undefined;
  /** Whether the expert is or was a member of the group. */
  abstract isMember(groupId: string, expertId: string): boolean;
  /** At most 200, by start; of one sponsoring organisation, of one (past) member, or all. */
  abstract list(scope: { organisationId: string } | { memberId: string } | 'all'): ResearchGroupView[];
}

export class SqliteResearchGroupsQueries extends ResearchGroupsQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  get(groupId: string): ResearchGroupView | undefined {
    const row = this.db.prepare<[string], GroupRow>(`SELECT * FROM ${GROUPS_TABLE} WHERE group_id = ?`).get(groupId);
    return row ? this.view(row) : undefined;
  }

  isMember(groupId: string, expertId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${GROUP_MEMBERS_TABLE} WHERE group_id = ? AND expert_id = ?`).get(groupId, expertId) !== undefined;
  }

  list(scope: { organisationId: string } | { memberId: string } | 'all'): ResearchGroupView[] {
    const rows =
      scope === 'all'
        ? this.db.prepare<[], GroupRow>(`SELECT * FROM ${GROUPS_TABLE} ORDER BY starts_at, group_id LIMIT 200`).all()
        : 'organisationId' in scope
          ? this.db.prepare<[string], GroupRow>(`SELECT * FROM ${GROUPS_TABLE} WHERE organisation_id = ? ORDER BY starts_at, group_id LIMIT 200`).all(scope.organisationId)
          : this.db
              .prepare<[string], GroupRow>(`SELECT g.* FROM ${GROUPS_TABLE} g JOIN ${GROUP_MEMBERS_TABLE} m ON m.group_id = g.group_id WHERE m.expert_id = ? ORDER BY g.starts_at, g.group_id LIMIT 200`)
              .all(scope.memberId);
    return rows.map((r) => this.view(r));
  }

  private view(r: GroupRow): ResearchGroupView {
    const members = this.db
      .prepare<[string], { expert_id: string; status: string; joined_at: string; left_at: string | null }>(
        `SELECT expert_id, status, joined_at, left_at FROM ${GROUP_MEMBERS_TABLE} WHERE group_id = ? ORDER BY joined_at, expert_id`,
      )
      .all(r.group_id);
    const milestones = this.db
      .prepare<[string], { milestone_id: string; title: string; due_at: string; reached_at: string | null; note: string | null }>(
        `SELECT * FROM ${MILESTONES_TABLE} WHERE group_id = ? ORDER BY due_at, milestone_id`,
      )
      .all(r.group_id);
    return {
      groupId: r.group_id,
      title: r.title,
      topic: r.topic,
      demandId: r.demand_id,
      organisationId: r.organisation_id,
      leadExpertId: r.lead_expert_id,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      status: r.status,
      members: members.map((m) => ({ expertId: m.expert_id, status: m.status, joinedAt: m.joined_at, leftAt: m.left_at })),
      milestones: milestones.map((m) => ({ milestoneId: m.milestone_id, title: m.title, dueAt: m.due_at, reachedAt: m.reached_at, note: m.note })),
      closingReport: r.report ? { ...(JSON.parse(r.report) as object), missedMilestones: JSON.parse(r.missed_milestones ?? '[]') as string[], closedAt: r.closed_at } : null,
    };
  }
}
