import type Database from 'better-sqlite3';
import type { Balance } from '../../domain/account/account.balance';
import type { Tier } from '../../domain/tiers/tier-policy';
import { accountsHoldingTierSince, readTier } from './account-tiers';
import { accountsWithDuePending, accountsWithTimedOutReservations, lotsDueForExpiry, readBalance, type ExpiryCursor } from './balance.projection';
import { pointsExpiringBy } from './lot-balances';

export type { ExpiryCursor };

/**
 * What the balance read model answers: an account's balance, tier and soon-expiring points, and which
 * accounts the scheduled jobs should look at (the account itself still decides what is due).
 */
export abstract class BalanceQueries {
  abstract balance(expertId: string): Balance & { updatedAt?: string };
  abstract tier(expertId: string): { tier: Tier; tierSince?: string };
  /** Points the account's lots hold that expire by `horizon`. */
  abstract expiringBy(expertId: string, horizon: Date): number;
  abstract accountsWithDuePending(now: Date): string[];
  abstract accountsWithTimedOutReservations(now: Date): { expertId: string; reservationIds: string[] }[];
  abstract lotsDueForExpiry(now: Date, after: ExpiryCursor | undefined): ExpiryCursor[];
  abstract accountsHoldingTierSince(heldSince: Date, after: string): string[];
}

export class SqliteBalanceQueries implements BalanceQueries {
  constructor(private readonly db: Database.Database) {}
  balance = (expertId: string) => readBalance(this.db, expertId);
  tier = (expertId: string) => readTier(this.db, expertId);
  expiringBy = (expertId: string, horizon: Date) => pointsExpiringBy(this.db, expertId, horizon);
  accountsWithDuePending = (now: Date) => accountsWithDuePending(this.db, now);
  accountsWithTimedOutReservations = (now: Date) => accountsWithTimedOutReservations(this.db, now);
  lotsDueForExpiry = (now: Date, after: ExpiryCursor | undefined) => lotsDueForExpiry(this.db, now, after);
  accountsHoldingTierSince = (heldSince: Date, after: string) => accountsHoldingTierSince(this.db, heldSince, after);
}
