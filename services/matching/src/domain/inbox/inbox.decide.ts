/**
 * An expert's inbox, `inbox-<expertId>`: what reaches the expert from outside matching's own streams
 * (an enterprise's interview request, from consulting) and what the expert has read. Matching's own
 * invitations are not copied here: the inbox read model takes them from the matches streams.
 */
export type InboxEvent =
  | { type: 'InterviewRequestReceived'; data: { expertId: string; interviewId: string; organisationId: string; topic: string; requestedAt: string; expiresAt: string } }
  | { type: 'InboxItemRead'; data: { expertId: string; itemId: string; readAt: string } };

export type InboxCommand =
  | { type: 'RecordInterviewRequest'; data: Omit<Extract<InboxEvent, { type: 'InterviewRequestReceived' }>['data'], never>; metadata: { now: Date } }
  | { type: 'MarkInboxItemRead'; data: { expertId: string; itemId: string }; metadata: { now: Date } };

export interface Inbox {
  readonly interviews: ReadonlySet<string>;
  readonly read: ReadonlySet<string>;
}

export const initialState: Inbox = { interviews: new Set(), read: new Set() };

/** Each interview request once; an item read once (reading it again records nothing). */
export const decide = (cmd: InboxCommand, s: Inbox): InboxEvent[] => {
  switch (cmd.type) {
    case 'RecordInterviewRequest':
      return s.interviews.has(cmd.data.interviewId) ? [] : [{ type: 'InterviewRequestReceived', data: cmd.data }];
    case 'MarkInboxItemRead':
      return s.read.has(cmd.data.itemId) ? [] : [{ type: 'InboxItemRead', data: { ...cmd.data, readAt: cmd.metadata.now.toISOString() } }];
  }
};

export const evolve = (s: Inbox, e: InboxEvent): Inbox => {
  switch (e.type) {
    case 'InterviewRequestReceived':
      return { ...s, interviews: new Set([...s.interviews, e.data.interviewId]) };
    case 'InboxItemRead':
      return { ...s, read: new Set([...s.read, e.data.itemId]) };
    default:
      return s;
  }
};

export const inboxDecider = { decide, evolve, initialState };
export const INBOX_EVENT_TYPES: readonly InboxEvent['type'][] = ['InterviewRequestReceived', 'InboxItemRead'];
