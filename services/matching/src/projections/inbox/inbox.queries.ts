import type Database from 'better-sqlite3';
import type { InboxKind } from './inbox.projection';

export interface InboxItem {
  id: string;
  kind: InboxKind;
  demandId?: string;
  subProblemId?: string;
  /** Per kind: the inviting organisation, the interview's id, topic and deadline. */
  detail: Record<string, unknown>;
  receivedAt: string;
  readAt?: string;
}

export interface InboxPage {
  items: InboxItem[];
  /** Unread items in the whole inbox, not just this page. */
  unread: number;
  nextCursor?: string;
}

/** What the inbox read model answers, always for one expert. */
export abstract class InboxQueries {
  abstract page(expertId: string, q: { cursor?: string; limit: number; unreadOnly?: boolean }): InboxPage;
  abstract item(expertId: string, itemId: string): InboxItem | undefined;
}

interface Row {
  item_id: string;
  kind: InboxKind;
  demand_id: string | null;
  sub_problem_id: string | null;
  detail: string;
  received_at: string;
  read_at: string | null;
  seq: number;
}

const toItem = (r: Row): InboxItem => ({
  id: r.item_id,
  kind: r.kind,
  ...(r.demand_id !== null ? { demandId: r.demand_id } : {}),
  ...(r.sub_problem_id !== null ? { subProblemId: r.sub_problem_id } : {}),
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  receivedAt: r.received_at,
  ...(r.read_at !== null ? { readAt: r.read_at } : {}),
});

/** Newest first; the cursor is the position of the last item shown (stable while items arrive). */
export class SqliteInboxQueries extends InboxQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  page(expertId: string, q: { cursor?: string; limit: number; unreadOnly?: boolean }): InboxPage {
    const before = q.cursor !== undefined ? Number(q.cursor) : Number.MAX_SAFE_INTEGER;
    const rows = this.db
      .prepare<[string, number, number], Row>(
        `SELECT * FROM inbox_items WHERE expert_id = ? AND seq < ? ${q.unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY seq DESC, item_id LIMIT ?`,
      )
      .all(expertId, before, q.limit + 1);
    const unread = this.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM inbox_items WHERE expert_id = ? AND read_at IS NULL').get(expertId)!.n;
    const items = rows.slice(0, q.limit);
    return { items: items.map(toItem), unread, ...(rows.length > q.limit ? { nextCursor: String(items[items.length - 1]!.seq) } : {}) };
  }

  item(expertId: string, itemId: string): InboxItem | undefined {
    const row = this.db.prepare<[string, string], Row>('SELECT * FROM inbox_items WHERE expert_id = ? AND item_id = ?').get(expertId, itemId);
    return row ? toItem(row) : undefined;
  }
}
