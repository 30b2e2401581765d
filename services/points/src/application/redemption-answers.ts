import { availablePoints, pendingPoints, reservedPoints, type Account } from '../domain/account/account.state';

/** The account's balance as the redemption endpoints answer it, from the state the command left. */
export const balanceOf = (s: Account) => ({ available: Math.max(0, availablePoints(s)), pending: pendingPoints(s), reserved: reservedPoints(s) });
