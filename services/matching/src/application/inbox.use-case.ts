import { NotFoundError, type AggregateHandler, type CommandMeta, type Principal } from '@hope/kernel';
import type { Inbox, InboxCommand, InboxEvent } from '../domain/inbox/inbox.decide';
import type { InboxItem, InboxPage, InboxQueries } from '../projections/inbox/inbox.queries';
import type { Now } from './registry.handlers';

export interface InboxDeps {
  readonly inboxes: AggregateHandler<Inbox, InboxCommand, InboxEvent>;
  readonly queries: InboxQueries;
  readonly clock: Now;
}

/** The caller's own inbox: an expert only ever names themself (the token's subject), never another. */
export function inboxOf(deps: Pick<InboxDeps, 'queries'>, who: Principal, q: { cursor?: string; limit: number; unreadOnly?: boolean }): InboxPage {
  return deps.queries.page(who.subject, q);
}

/** Marks one of the caller's items read (again: nothing recorded). Another expert's item is not found, not forbidden: its id says nothing. */
export async function markInboxItemRead(deps: InboxDeps, who: Principal, itemId: string, meta: CommandMeta): Promise<InboxItem> {
  if (!deps.queries.item(who.subject, itemId)) throw new NotFoundError('INBOX.ITEM_NOT_FOUND', `No item ${itemId} in your inbox`);
  await deps.inboxes.handle(who.subject, { type: 'MarkInboxItemRead', data: { expertId: who.subject, itemId }, metadata: { now: deps.clock.now() } }, meta);
  return deps.queries.item(who.subject, itemId)!;
}
