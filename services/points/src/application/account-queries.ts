import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@hope/eventstore';
import { CLOCK, EVENT_STORE, type Clock } from '@hope/platform';
import { applyMovement, emptyBalance, type Balance } from '../domain/account/account.balance';
import { accountStream, type AccountEvent } from '../domain/account/account.events';
import { evolve, initialState, oldestFirst, type Account } from '../domain/account/account.state';
import type { Tier } from '../domain/tiers/tier-policy';
import { ledgerPageOf } from '../projections/ledger/ledger.projection';

const DAY_MS = 86_400_000;

/**
 * Queries answered from the account's own events rather than the live read models: "explain" (the
 * lots that make up the balance, with their expiry) and "as of" (the balance and ledger at a past
 * instant, from the account's events recorded before it: see `accountAsOf`), at the cost of one stream
 * read (not a replay of the whole store, as `buildProjectionsAsOf` would do).
 */
@Injectable()
export class AccountQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async events(expertId: string, until?: Date): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for await (const e of this.store.readStream(accountStream(expertId))) {
      if (until && e.recordedAt.getTime() >= until.getTime()) break;
      out.push(e);
    }
    return out;
  }

  async state(expertId: string, until?: Date): Promise<Account> {
    return (await this.events(expertId, until)).reduce((s, e) => evolve(s, { type: e.type, data: e.data } as AccountEvent), initialState);
  }

  /** The lots holding points (oldest first) with when each becomes spendable and expires, and what expires within `days`. */
  async explain(expertId: string, days = 30) {
    const s = await this.state(expertId);
    return explainState(s, this.clock.now(), days);
  }

  /** The balance (with what expires in the 30 days after `until`) and a ledger page as they were at `until`. */
  async asOf(expertId: string, until: Date, ledger: { after: number; limit: number }) {
    return accountAsOf(await this.events(expertId, until), until, ledger);
  }
}

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
  const horizon = until.getTime() + 30 * DAY_MS;
  const expiringIn30Days = account.lots.values().reduce((sum, l) => sum + (l.remaining > 0 && Date.parse(l.expiresAt) <= horizon ? l.remaining : 0), 0);
  const tier: { tier: Tier; tierSince?: string } = account.tier === 'none' || !account.tierSince ? { tier: 'none' } : { tier: account.tier, tierSince: account.tierSince };
  return { balance, tier, expiringIn30Days, ledger: ledgerPageOf(events, ledger.after, ledger.limit) };
}

export function explainState(s: Account, now: Date, days = 30) {
  const horizon = now.getTime() + days * DAY_MS;
  const lots = oldestFirst(s.lots)
    .filter((l) => l.remaining > 0)
    .map((l) => ({ lotId: l.lotId, points: l.points, remaining: l.remaining, pending: l.pending, earnedAt: l.earnedAt, availableAt: l.availableAt, expiresAt: l.expiresAt, ...(l.origin ? { origin: l.origin } : {}) }));
  const expiringSoon = lots.filter((l) => Date.parse(l.expiresAt) <= horizon).reduce((sum, l) => sum + l.remaining, 0);
  return { lots, debt: s.debt, expiringSoon };
}
