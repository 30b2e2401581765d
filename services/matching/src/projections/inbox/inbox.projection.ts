import type Database from 'better-sqlite3';
import { deterministicUuid } from '@hope/kernel';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { INBOX_EVENT_TYPES, promotionKey, type InboxEvent } from '../../domain/inbox/inbox.decide';
import type { MatchesEvent } from '../../domain/matches/matches.decide';

export const INBOX_KINDS = ['matched-invitation', 'confidential-invitation', 'enterprise-invitation', 'interview-request', 'meeting-promotion'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** Item ids are derived from what the item is about, so a replay (or a rebuild) gives each item the same id. */
export const inboxItemId = (kind: 'matched' | 'enterprise' | 'interview' | 'promotion', ...about: string[]): string => deterministicUuid('matching.inbox', kind, ...about);

/**
 * Each expert's inbox: the invitations matching sends them (matched with a demand or a sub-problem;
 * `confidential-invitation` when the demand is confidential), the invitations of a demand's owner,
 * the interview requests and the meeting seats freed for them from a waiting list that consulting
 * announces, and which of them the expert has read. Newest first
 * by `seq` (the store position of the event that brought the item).
 */
export const inboxProjection: SqlProjection = {
  name: 'inbox',
  // 2: meeting promotions (a rebuild delivers the ones recorded before).
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS inbox_items (
      expert_id TEXT NOT NULL,
      item_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      demand_id TEXT,
      sub_problem_id TEXT,
      detail TEXT NOT NULL,
      received_at TEXT NOT NULL,
      read_at TEXT,
      seq INTEGER NOT NULL,
      PRIMARY KEY (expert_id, item_id)
    );
    CREATE INDEX IF NOT EXISTS inbox_items_by_expert ON inbox_items (expert_id, seq);
    CREATE TABLE IF NOT EXISTS inbox_demands (demand_id TEXT PRIMARY KEY, confidentiality TEXT NOT NULL);
  `,
  tables: ['inbox_items', 'inbox_demands'],
  filter: { eventTypes: ['ExpertsMatched', 'MatchedExpertsInvited', 'DemandSubjectRecorded', 'MatchedExpertInvitedByEnterprise', ...INBOX_EVENT_TYPES] },
  apply(db: Database.Database, e: RecordedEvent) {
    const event = { type: e.type, data: e.data } as MatchesEvent | InboxEvent;
    const seq = Number(e.position.commit);
    // The first delivery of an item stays (a re-invitation after a revision is the same invitation).
    const deliver = (expertId: string, itemId: string, kind: InboxKind, at: string, about: { demandId?: string; subProblemId?: string }, detail: object) =>
      db
        .prepare('INSERT OR IGNORE INTO inbox_items (expert_id, item_id, kind, demand_id, sub_problem_id, detail, received_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(expertId, itemId, kind, about.demandId ?? null, about.subProblemId ?? null, JSON.stringify(detail), at, seq);
    const remember = (demandId: string, confidentiality: string) =>
      db.prepare('INSERT INTO inbox_demands (demand_id, confidentiality) VALUES (?, ?) ON CONFLICT (demand_id) DO UPDATE SET confidentiality = excluded.confidentiality').run(demandId, confidentiality);
    switch (event.type) {
      case 'ExpertsMatched':
        if (event.data.confidentiality !== undefined) remember(event.data.demandId, event.data.confidentiality);
        return;
      case 'DemandSubjectRecorded':
        remember(event.data.demand.demandId, event.data.demand.visibility);
        return;
      case 'MatchedExpertsInvited': {
        const { demandId, subProblemId, expertIds, invitedAt } = event.data;
        const confidential = db.prepare<[string], { confidentiality: string }>('SELECT confidentiality FROM inbox_demands WHERE demand_id = ?').get(demandId)?.confidentiality === 'confidential';
        const about = { demandId, ...(subProblemId !== undefined ? { subProblemId } : {}) };
        for (const expertId of expertIds) deliver(expertId, inboxItemId('matched', demandId, subProblemId ?? ''), confidential ? 'confidential-invitation' : 'matched-invitation', invitedAt, about, {});
        return;
      }
      case 'MatchedExpertInvitedByEnterprise': {
        const { demandId, expertId, organisationId, invitedAt } = event.data;
        deliver(expertId, inboxItemId('enterprise', demandId), 'enterprise-invitation', invitedAt, { demandId }, { organisationId });
        return;
      }
      case 'InterviewRequestReceived': {
        const { expertId, interviewId, organisationId, topic, requestedAt, expiresAt } = event.data;
        deliver(expertId, inboxItemId('interview', interviewId), 'interview-request', requestedAt, {}, { interviewId, organisationId, topic, expiresAt });
        return;
      }
      case 'MeetingPromotionReceived': {
        const { expertId, meetingId, meetingKind, title, startsAt, promotedAt } = event.data;
        deliver(expertId, inboxItemId('promotion', promotionKey(event.data)), 'meeting-promotion', promotedAt, {}, { meetingId, meetingKind, title, startsAt });
        return;
      }
      case 'InboxItemRead':
        db.prepare('UPDATE inbox_items SET read_at = COALESCE(read_at, ?) WHERE expert_id = ? AND item_id = ?').run(event.data.readAt, event.data.expertId, event.data.itemId);
        return;
    }
  },
};
