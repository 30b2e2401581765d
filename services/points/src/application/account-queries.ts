import type { EventStore, Principal, RecordedEvent } from '@hope/kernel';
import { applyMovement, emptyBalance, type Balance } from '../domain/account/account.balance';
import { accountStream, type AccountEvent } from '../domain/account/account.events';
import { evolve, initialState, oldestFirst, type Account } from '../domain/account/account.state';
import type { AsOfCheckpointQueries } from '../projections/as-of/as-of-checkpoints.queries';
import type { BalanceQueries } from '../projections/balance/balance.queries';
import { ledgerPageOf } from '../projections/ledger/ledger.projection';
import type { LedgerQueries } from '../projections/ledger/ledger.queries';
import { AccountAsOf, asOfView } from './account-as-of';
import { assertOwnAccount } from './account-access';
import type { Now } from './handlers';

const DAY_MS = 86_400_000;

export interface AccountQueriesDeps {
  /** Read only: "as of" reads the account's events recorded before an instant. */
  readonly store: EventStore;
  /** The account's folded state ("explain"). */
  readonly accounts: { load(expertId: string): Promise<Account> };
  readonly balances: BalanceQueries;
  readonly ledger: LedgerQueries;
  /** The as-of checkpoints stored by the `points_as_of` projection (without them, as-of folds from memory only). */
  readonly asOfCheckpoints?: AsOfCheckpointQueries;
  readonly clock: Now;
}

/**
 * What an account holds, for its owner (tenancy checked here): the balance and ledger from the live
 * read models, or "as of" a past instant from the account's events recorded before it (see
 * `accountAsOf`: one stream read, not a replay of the whole store), and "explain" (the lots that make
 * up the balance, with their expiry) from the account's folded state.
 */
export class AccountQueries {
  private readonly asOfs: AccountAsOf;

  constructor(private readonly deps: AccountQueriesDeps) {
    this.asOfs = new AccountAsOf(deps.store, deps.asOfCheckpoints ? { stored: deps.asOfCheckpoints } : {});
  }

  async balance(who: Principal, expertId: string, asOf?: Date) {
    assertOwnAccount(who, expertId);
    if (asOf) {
      const then = await this.asOf(expertId, asOf, { after: 0, limit: 1 });
      return { ...balanceView(expertId, then.balance), expiringIn30Days: then.expiringIn30Days, ...then.tier, asOf: asOf.toISOString() };
    }
    // Read models only: no stream read, no fold, whatever the account's history.
    return {
      ...balanceView(expertId, this.deps.balances.balance(expertId)),
      expiringIn30Days: this.deps.balances.expiringBy(expertId, new Date(this.deps.clock.now().getTime() + 30 * DAY_MS)),
      ...this.deps.balances.tier(expertId),
    };
  }

  async ledger(who: Principal, expertId: string, page: { after: number; limit: number; asOf?: Date }) {
    assertOwnAccount(who, expertId);
    if (page.asOf) return (await this.asOf(expertId, page.asOf, page)).ledger;
    return this.deps.ledger.page(expertId, page.after, page.limit);
  }

  /** The lots holding points (oldest first) with when each becomes spendable and expires, and what expires within 30 days. */
  async explain(who: Principal, expertId: string) {
    assertOwnAccount(who, expertId);
    const s = await this.deps.accounts.load(expertId);
    const now = this.deps.clock.now();
    return { expertId, at: now.toISOString(), ...explainState(s, now) };
  }

  /** The balance (with what expires in the 30 days after `until`) and a ledger page as they were at `until` (from the account's checkpoints, see account-as-of.ts). */
  asOf(expertId: string, until: Date, ledger: { after: number; limit: number }) {
    return this.asOfs.at(expertId, until, ledger);
  }

  /** The account's events recorded before `until`, in order. */
  events(expertId: string, until: Date): Promise<RecordedEvent[]> {
    return accountEventsBefore(this.deps.store, expertId, until);
  }
}

/** One stream read: the account's events recorded before `until`, in order. */
export async function accountEventsBefore(store: EventStore, expertId: string, until: Date): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(accountStream(expertId))) {
    if (e.recordedAt.getTime() >= until.getTime()) break;
    out.push(e);
  }
  return out;
}

const balanceView = (expertId: string, b: Balance) => ({
  expertId,
  available: Math.max(0, b.available),
  debt: Math.max(0, -b.available),
  pending: b.pending,
  reserved: b.reserved,
  lifetimeEarned: b.earned + Math.max(0, b.adjusted),
  lifetimeSpent: b.spent,
  expired: b.expired,
  reversed: b.reversed,
  adjusted: b.adjusted,
});

/**
 * What the live read models held once these events were applied, computed in memory by the same
 * functions: the balance row is the fold of `applyMovement` (balance projection), the lots and debt
 * are the account fold `evolve` (which `points_lots` mirrors), the tier is the last TierChanged, and
 * the ledger page is built by the ledger projection's own mapping from only the events on the page.
 * Writing every event into a scratch database first (the earlier way) cost ~4x the fold.
 */
export function accountAsOf(events: readonly RecordedEvent[], until: Date, ledger: { after: number; limit: number }) {
  let balance: Balance = emptyBalance;
  let account: Account = initialState;
  for (const e of events) {
    const event = { type: e.type, data: e.data } as AccountEvent;
    balance = applyMovement(balance, event);
    account = evolve(account, event);
  }
  return { ...asOfView(balance, account, until), ledger: ledgerPageOf(events, ledger.after, ledger.limit) };
}

export function explainState(s: Account, now: Date, days = 30) {
  const horizon = now.getTime() + days * DAY_MS;
  const lots = oldestFirst(s.lots)
    .filter((l) => l.remaining > 0)
    .map((l) => ({ lotId: l.lotId, points: l.points, remaining: l.remaining, pending: l.pending, earnedAt: l.earnedAt, availableAt: l.availableAt, expiresAt: l.expiresAt, ...(l.origin ? { origin: l.origin } : {}) }));
  const expiringSoon = lots.filter((l) => Date.parse(l.expiresAt) <= horizon).reduce((sum, l) => sum + l.remaining, 0);
  return { lots, debt: s.debt, expiringSoon };
}
