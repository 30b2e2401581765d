import Database from 'better-sqlite3';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent, SqlProjection } from '@hope/eventstore';
import { CLOCK, EVENT_STORE, type Clock } from '@hope/platform';
import { accountStream, type AccountEvent } from '../domain/account/account.events';
import { evolve, initialState, oldestFirst, type Account } from '../domain/account/account.state';
import { balanceProjection, readBalance } from '../projections/balance/balance.projection';
import { readTier } from '../projections/balance/account-tiers';
import { pointsExpiringBy } from '../projections/balance/lot-balances';
import { ledgerProjection, readLedger } from '../projections/ledger/ledger.projection';

const DAY_MS = 86_400_000;

/**
 * Queries answered from the account's own events rather than the live read models: "explain" (the
 * lots that make up the balance, with their expiry) and "as of" (the balance and ledger at a past
 * instant). As-of applies the same projections to the account's events recorded before the instant,
 * in a scratch in-memory database: the same rows the live read model had then, at the cost of one
 * stream read (not a replay of the whole store, as `buildProjectionsAsOf` would do).
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
    const db = new Database(':memory:');
    try {
      for (const p of [balanceProjection, ledgerProjection]) db.exec(p.schema);
      const events = await this.events(expertId, until);
      const handles = (p: SqlProjection, type: string) => p.filter.eventTypes === undefined || p.filter.eventTypes.includes(type);
      db.transaction(() => events.forEach((e) => [balanceProjection, ledgerProjection].forEach((p) => handles(p, e.type) && p.apply(db, e))))();
      return {
        balance: readBalance(db, expertId),
        tier: readTier(db, expertId),
        expiringIn30Days: pointsExpiringBy(db, expertId, new Date(until.getTime() + 30 * DAY_MS)),
        ledger: readLedger(db, expertId, ledger.after, ledger.limit),
      };
    } finally {
      db.close();
    }
  }
}

export function explainState(s: Account, now: Date, days = 30) {
  const horizon = now.getTime() + days * DAY_MS;
  const lots = oldestFirst(s.lots)
    .filter((l) => l.remaining > 0)
    .map((l) => ({ lotId: l.lotId, points: l.points, remaining: l.remaining, pending: l.pending, earnedAt: l.earnedAt, availableAt: l.availableAt, expiresAt: l.expiresAt, ...(l.origin ? { origin: l.origin } : {}) }));
  const expiringSoon = lots.filter((l) => Date.parse(l.expiresAt) <= horizon).reduce((sum, l) => sum + l.remaining, 0);
  return { lots, debt: s.debt, expiringSoon };
}
