/**
 * An expert's inbox, `inbox-<expertId>`: what reaches the expert from outside matching's own streams
 * (from consulting: an enterprise's interview request, a meeting seat freed for them from the waiting
 * list) and what the expert has read. Matching's own
 * invitations are not copied here: the inbox read model takes them from the matches streams.
 */
export type InboxEvent =
  | { type: 'InterviewRequestReceived'; data: { expertId: string; interviewId: string; organisationId: string; topic: string; requestedAt: string; expiresAt: string } }
  | { type: 'MeetingPromotionReceived'; data: MeetingPromotion }
  | { type: 'InboxItemRead'; data: { expertId: string; itemId: string; readAt: string } };

/** A seat of a meeting the expert was waiting for is theirs now. */
export interface MeetingPromotion {
  readonly expertId: string;
  readonly meetingId: string;
  readonly meetingKind: string;
  readonly title: string;
  readonly startsAt: string;
  readonly promotedAt: string;
}

/** One promotion: an expert promoted again to the same meeting (after leaving it) was promoted at another time. */
export const promotionKey = (p: Pick<MeetingPromotion, 'meetingId' | 'promotedAt'>): string => `${p.meetingId}@${p.promotedAt}`;

export type InboxCommand =
  | { type: 'RecordInterviewRequest'; data: Omit<Extract<InboxEvent, { type: 'InterviewRequestReceived' }>['data'], never>; metadata: { now: Date } }
  | { type: 'RecordMeetingPromotion'; data: MeetingPromotion; metadata: { now: Date } }
  | { type: 'MarkInboxItemRead'; data: { expertId: string; itemId: string }; metadata: { now: Date } };

export interface Inbox {
  readonly interviews: ReadonlySet<string>;
  readonly promotions: ReadonlySet<string>;
  readonly read: ReadonlySet<string>;
}

export const initialState: Inbox = { interviews: new Set(), promotions: new Set(), read: new Set() };

/** Each interview request and each promotion once; an item read once (reading it again records nothing). */
export const decide = (cmd: InboxCommand, s: Inbox): InboxEvent[] => {
  switch (cmd.type) {
    case 'RecordInterviewRequest':
      return s.interviews.has(cmd.data.interviewId) ? [] : [{ type: 'InterviewRequestReceived', data: cmd.data }];
    case 'RecordMeetingPromotion':
      return s.promotions.has(promotionKey(cmd.data)) ? [] : [{ type: 'MeetingPromotionReceived', data: cmd.data }];
    case 'MarkInboxItemRead':
      return s.read.has(cmd.data.itemId) ? [] : [{ type: 'InboxItemRead', data: { ...cmd.data, readAt: cmd.metadata.now.toISOString() } }];
  }
};

export const evolve = (s: Inbox, e: InboxEvent): Inbox => {
  switch (e.type) {
    case 'InterviewRequestReceived':
      return { ...s, interviews: new Set([...s.interviews, e.data.interviewId]) };
    case 'MeetingPromotionReceived':
      return { ...s, promotions: new Set([...s.promotions, promotionKey(e.data)]) };
    case 'InboxItemRead':
      return { ...s, read: new Set([...s.read, e.data.itemId]) };
    default:
      return s;
  }
};

export const inboxDecider = { decide, evolve, initialState };
export const INBOX_EVENT_TYPES: readonly InboxEvent['type'][] = ['InterviewRequestReceived', 'MeetingPromotionReceived', 'InboxItemRead'];
