import type { EventStore, RecordedEvent } from '@hope/kernel';
import type { Balance } from '../domain/account/account.balance';
import { accountStream, MOVEMENT_EVENT_TYPES } from '../domain/account/account.events';
import type { Account } from '../domain/account/account.state';
import { foldEvent, START, type Checkpoint } from '../domain/account/account.checkpoint';
import { CHECKPOINT_EVERY } from '../projections/as-of/checkpoint-deltas';
import type { AsOfCheckpointQueries } from '../projections/as-of/as-of-checkpoints.queries';
import { ledgerPageOf } from '../projections/ledger/ledger.projection';
import type { Tier } from '../domain/tiers/tier-policy';

export interface AccountAsOfOptions {
  /** A checkpoint every this many events: an as-of reads at most this many past the one it starts from. */
  readonly every?: number;
  /** Accounts whose checkpoints are kept in memory (least recently asked go first). */
  readonly accounts?: number;
  /** The checkpoints the `points_as_of` projection stored: what a restarted process starts from. */
  readonly stored?: AsOfCheckpointQueries;
}

const DAY_MS = 86_400_000;
const MAX_LOADED = 2;
const MOVEMENTS: ReadonlySet<string> = new Set(MOVEMENT_EVENT_TYPES);

/**
 * "As of" without refolding the account's whole history: a question starts from the last checkpoint
 * recorded entirely before the instant, in memory or stored by the `points_as_of` projection (so the
 * first question after a restart does not fold from the start either), and reads the events after it
 * up to the instant. Folding on, it keeps the fold every `every` events in memory (states are
 * persistent values, so a checkpoint shares most of its memory with the next). Events are never
 * changed once appended, so a checkpoint stays true; what is appended later extends the list.
 *
 * The answer is exactly `accountAsOf(accountEventsBefore(...))`: the events folded are the stream's
 * longest prefix recorded before the instant (a checkpoint is used only if every event it folded was),
 * and the ledger page is built by `ledgerPageOf` from that prefix's events past the cursor.
 */
export class AccountAsOf {
  private readonly checkpoints = new Map<string, Checkpoint[]>();
  /** The checkpoints loaded from the stored ones (the rest were folded here). */
  private readonly loaded = new WeakSet<Checkpoint>();
  private readonly every: number;
  private readonly capacity: number;
  private readonly stored: AsOfCheckpointQueries | undefined;

  constructor(
    private readonly store: EventStore,
    options: AccountAsOfOptions = {},
  ) {
    this.every = options.every ?? CHECKPOINT_EVERY;
    this.capacity = options.accounts ?? 256;
    this.stored = options.stored;
  }

  async at(expertId: string, until: Date, ledger: { after: number; limit: number }) {
    const stream = accountStream(expertId);
    const list = this.listOf(stream);
    const from = this.startBefore(expertId, list, until.getTime());
    const end = await this.foldUntil(stream, list, from, until.getTime());
    return { ...asOfView(end.balance, end.account, until), ledger: await this.ledgerPage(expertId, stream, list, end, ledger) };
  }

  /** The last checkpoint recorded before `until`: in memory, or a later one loaded from the stored checkpoints. */
  private startBefore(expertId: string, list: Checkpoint[], until: number): Checkpoint {
    const inMemory = list[lastIndexWhere(list, (c) => c.recordedUntil < until)]!;
    const stored = this.stored?.before(expertId, until);
    // Loading costs the whole state (a few µs an entry), folding on from memory the events between (~20 µs each, read and folded).
    if (!stored || stored.revision - inMemory.revision <= this.every) return inMemory;
    const loaded = this.stored!.loadForAsOf(expertId, stored.revision);
    if (!loaded) return inMemory;
    // A loaded state shares nothing with the others (folded ones share most of their memory): an account
    // keeps at most MAX_LOADED of them with what was folded from them, then starts over from this one.
    if (list.filter((c) => this.loaded.has(c)).length >= MAX_LOADED) list.length = 1;
    this.loaded.add(loaded);
    // Kept in revision order (recordedUntil, a prefix maximum, follows it): the binary searches rely on it.
    const at = lastIndexWhere(list, (c) => c.revision < loaded.revision) + 1;
    if (list[at]?.revision !== loaded.revision) list.splice(at, 0, loaded);
    return loaded;
  }

  /** The fold of the longest prefix recorded before `until`, from `from`, extending the checkpoints as it reads. */
  private async foldUntil(stream: string, list: Checkpoint[], from: Checkpoint, until: number): Promise<Checkpoint> {
    let c = from;
    for await (const e of this.readFrom(stream, from.revision + 1)) {
      if (e.recordedAt.getTime() >= until) break;
      c = foldEvent(c, e);
      if ((c.revision + 1) % this.every === 0 && c.revision > list[list.length - 1]!.revision) list.push(c);
    }
    return c;
  }

  /** The ledger page after the cursor among the prefix's events, read from the last checkpoint at or before the cursor. */
  private async ledgerPage(expertId: string, stream: string, list: Checkpoint[], end: Checkpoint, page: { after: number; limit: number }) {
    const after = BigInt(page.after);
    const inMemory = list[lastIndexWhere(list, (c) => c.position <= after && c.revision <= end.revision)]!.revision;
    const from = Math.max(inMemory, this.stored?.atOrBefore(expertId, after, end.revision)?.revision ?? -1);
    const events: RecordedEvent[] = [];
    let movements = 0;
    for await (const e of this.readFrom(stream, from + 1)) {
      if (e.revision > end.revision || movements > page.limit) break;
      events.push(e);
      if (e.position.commit > after && MOVEMENTS.has(e.type)) movements++;
    }
    return ledgerPageOf(events, page.after, page.limit);
  }

  /** The stream from `revision` on, read `every` events at a time: a question rarely needs more than one read. */
  private async *readFrom(stream: string, revision: number): AsyncIterable<RecordedEvent> {
    for (let next = revision; ; ) {
      let read = 0;
      for await (const e of this.store.readStream(stream, { fromRevision: next, maxCount: this.every })) {
        read++;
        next = e.revision + 1;
        yield e;
      }
      if (read < this.every) return;
    }
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
