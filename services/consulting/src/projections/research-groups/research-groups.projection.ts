import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { RESEARCH_GROUP_EVENT_TYPES, researchGroupStreamPrefix, type ResearchGroupEvent } from '../../domain/research-group/research-group.events';

export const GROUPS_TABLE = 'consulting_research_groups';
export const GROUP_MEMBERS_TABLE = 'consulting_research_group_members';
export const MILESTONES_TABLE = 'consulting_research_group_milestones';

export interface GroupRow {
  group_id: string;
  title: string;
  topic: string;
  demand_id: string | null;
  organisation_id: string;
  lead_expert_id: string;
  starts_at: string;
  ends_at: string;
  status: string;
  report: string | null;
  missed_milestones: string | null;
  closed_at: string | null;
}

/** Research groups with their members (current and past) and milestones. */
export const researchGroupsProjection: SqlProjection = {
  name: 'consulting_research_groups',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS ${GROUPS_TABLE} (
      group_id TEXT PRIMARY KEY, title TEXT NOT NULL, topic TEXT NOT NULL, demand_id TEXT, organisation_id TEXT NOT NULL, lead_expert_id TEXT NOT NULL,
      starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, status TEXT NOT NULL, report TEXT, missed_milestones TEXT, closed_at TEXT
    );
    CREATE INDEX IF NOT EXISTS consulting_research_groups_org ON ${GROUPS_TABLE} (organisation_id, starts_at);
    CREATE TABLE IF NOT EXISTS ${GROUP_MEMBERS_TABLE} (
      group_id TEXT NOT NULL, expert_id TEXT NOT NULL, status TEXT NOT NULL, joined_at TEXT NOT NULL, left_at TEXT, PRIMARY KEY (group_id, expert_id)
    );
    CREATE INDEX IF NOT EXISTS consulting_research_group_members_expert ON ${GROUP_MEMBERS_TABLE} (expert_id);
    CREATE TABLE IF NOT EXISTS ${MILESTONES_TABLE} (
      group_id TEXT NOT NULL, milestone_id TEXT NOT NULL, title TEXT NOT NULL, due_at TEXT NOT NULL, reached_at TEXT, note TEXT, PRIMARY KEY (group_id, milestone_id)
    );
  `,
  tables: [GROUPS_TABLE, GROUP_MEMBERS_TABLE, MILESTONES_TABLE],
  filter: { streamPrefixes: [researchGroupStreamPrefix], eventTypes: RESEARCH_GROUP_EVENT_TYPES },
  apply(db, recorded: RecordedEvent) {
    const e = { type: recorded.type, data: recorded.data } as ResearchGroupEvent;
    switch (e.type) {
      case 'ResearchGroupFormed': {
        const d = e.data;
        db.prepare(
          `INSERT OR IGNORE INTO ${GROUPS_TABLE} (group_id, title, topic, demand_id, organisation_id, lead_expert_id, starts_at, ends_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
        ).run(d.groupId, d.title, d.topic, d.demandId, d.organisationId, d.leadExpertId, d.startsAt, d.endsAt);
        return;
      }
      case 'ResearchGroupMemberJoined':
        db.prepare(`INSERT OR REPLACE INTO ${GROUP_MEMBERS_TABLE} (group_id, expert_id, status, joined_at, left_at) VALUES (?, ?, 'active', ?, NULL)`).run(e.data.groupId, e.data.expertId, e.data.at);
        return;
      case 'ResearchGroupMemberLeft':
        db.prepare(`UPDATE ${GROUP_MEMBERS_TABLE} SET status = 'left', left_at = ? WHERE group_id = ? AND expert_id = ?`).run(e.data.at, e.data.groupId, e.data.expertId);
        return;
      case 'MilestonePlanned':
        db.prepare(`INSERT OR IGNORE INTO ${MILESTONES_TABLE} (group_id, milestone_id, title, due_at) VALUES (?, ?, ?, ?)`).run(e.data.groupId, e.data.milestoneId, e.data.title, e.data.dueAt);
        return;
      case 'MilestoneReached':
        db.prepare(`UPDATE ${MILESTONES_TABLE} SET reached_at = ?, note = ? WHERE group_id = ? AND milestone_id = ?`).run(e.data.at, e.data.note, e.data.groupId, e.data.milestoneId);
        return;
      case 'ResearchGroupClosed':
        db.prepare(`UPDATE ${GROUPS_TABLE} SET status = 'closed', report = ?, missed_milestones = ?, closed_at = ? WHERE group_id = ?`).run(
          JSON.stringify(e.data.report),
          JSON.stringify(e.data.missedMilestones),
          e.data.at,
          e.data.groupId,
        );
        return;
    }
  },
};
