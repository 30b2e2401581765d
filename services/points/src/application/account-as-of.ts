import type { EventStore, RecordedEvent } from '@hope/kernel';
import { applyMovement, emptyBalance, type Balance } from '../domain/account/account.balance';
import { accountStream, MOVEMENT_EVENT_TYPES, type AccountEvent } from '../domain/account/account.events';
import { evolve, initialState, type Account } from '../domain/account/account.state';
import { ledgerPageOf } from '../projections/ledger/ledger.projection';
import type { Tier } from '../domain/tiers/tier-policy';

/** The fold of an account's first events (revisions 0..revision). */
interface Checkpoint {
  /** The last revision folded; -1 before the first event. */
  readonly revision: number;
  /** Its commit position: where a ledger page that starts after a cursor may begin reading. */
  readonly position: bigint;
  /** The latest `recordedAt` among the events folded: the checkpoint holds for any instant after it. */
  readonly recordedUntil: number;
  readonly balance: Balance;
  readonly account: Account;
}

export interface AccountAsOfOptions {
  /** A checkpoint every this many events: an as-of reads at most this many past the one it starts from. */
  readonly every?: number;
  /** Accounts whose checkpoints are kept (least recently asked go first). */
  readonly accounts?: number;
}

const DAY_MS = 86_400_000;
const MOVEMENTS: ReadonlySet<string> = new Set(MOVEMENT_EVENT_TYPES);

const START: Checkpoint = { revision: -1, position: -1n, recordedUntil: Number.NEGATIVE_INFINITY, balance: emptyBalance, account: initialState };

/**
 * "As of" without refolding the account's whole history each time: the first question about an
 * account folds its stream once and keeps the fold every `every` events (states are persistent values,
 * so a checkpoint shares most of its memory with the next); later questions start from the last
 * checkpoint recorded entirely before the instant and read at most `every` events more. Events are
 * never changed once appended, so a checkpoint stays true; what is appended later extends the list.
 *
 * The answer is exactly `accountAsOf(accountEventsBefore(...))`: the events folded are the stream's
 * longest prefix recorded before the instant (a checkpoint is used only if every event it folded was),
 * and the ledger page is built by `ledgerPageOf` from that prefix's events past the cursor.
 */
export class AccountAsOf {
  private readonly checkpoints = new Map<string, Checkpoint[]>();
  private readonly every: number;
  private readonly capacity: number;

  constructor(
    private readonly store: EventStore,
    options: AccountAsOfOptions = {},
  ) {
    this.every = options.every ?? 100;
    this.capacity = options.accounts ?? 256;
  }

  async at(expertId: string, until: Date, ledger: { after: number; limit: number }) {
    const stream = accountStream(expertId);
    const list = this.listOf(stream);
    const end = await this.foldUntil(stream, list, until.getTime());
    return { ...asOfView(end.balance, end.account, until), ledger: await this.ledgerPage(stream, list, end, ledger) };
  }

  /** The fold of the longest prefix recorded before `until`, extending the checkpoints as it reads. */
  private async foldUntil(stream: string, list: Checkpoint[], until: number): Promise<Checkpoint> {
    const from = list[lastIndexWhere(list, (c) => c.recordedUntil < until)]!;
    let { revision, position, recordedUntil, balance, account } = from;
    for await (const e of this.store.readStream(stream, { fromRevision: from.revision + 1 })) {
      const at = e.recordedAt.getTime();
      if (at >= until) break;
      const event = { type: e.type, data: e.data } as AccountEvent;
      balance = applyMovement(balance, event);
      account = evolve(account, event);
      revision = e.revision;
      position = e.position.commit;
      recordedUntil = Math.max(recordedUntil, at);
      if ((revision + 1) % this.every === 0 && revision > list[list.length - 1]!.revision) list.push({ revision, position, recordedUntil, balance, account });
    }
    return { revision, position, recordedUntil, balance, account };
  }

  /** The ledger page after the cursor among the prefix's events, read from the last checkpoint at or before the cursor. */
  private async ledgerPage(stream: string, list: Checkpoint[], end: Checkpoint, page: { after: number; limit: number }) {
    const after = BigInt(page.after);
    const from = list[lastIndexWhere(list, (c) => c.position <= after && c.revision <= end.revision)]!;
    const events: RecordedEvent[] = [];
    let movements = 0;
    for await (const e of this.store.readStream(stream, { fromRevision: from.revision + 1 })) {
      if (e.revision > end.revision || movements > page.limit) break;
      events.push(e);
      if (e.position.commit > after && MOVEMENTS.has(e.type)) movements++;
    }
    return ledgerPageOf(events, page.after, page.limit);
  }

  private listOf(stream: string): Checkpoint[] {
    const list = this.checkpoints.get(stream) ?? [START];
    this.checkpoints.delete(stream);
    this.checkpoints.set(stream, list);
    if (this.checkpoints.size > this.capacity) this.checkpoints.delete(this.checkpoints.keys().next().value!);
    return list;
  }
}

/** The balance row, the tier and what expires in the 30 days after `until`, from the two folds at `until`. */
export function asOfView(balance: Balance, account: Account, until: Date) {
  const horizon = until.getTime() + 30 * DAY_MS;
  const expiringIn30Days = account.lots.values().reduce((sum, l) => sum + (l.remaining > 0 && Date.parse(l.expiresAt) <= horizon ? l.remaining : 0), 0);
  const tier: { tier: Tier; tierSince?: string } = account.tier === 'none' || !account.tierSince ? { tier: 'none' } : { tier: account.tier, tierSince: account.tierSince };
  return { balance, tier, expiringIn30Days };
}

/** Index of the last element satisfying `p`, a predicate true on a prefix of `xs` (binary search); 0 if none. */
function lastIndexWhere<T>(xs: readonly T[], p: (x: T) => boolean): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p(xs[mid]!)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
