import type { Principal } from '@hope/kernel';
import { availablePoints } from '../domain/account/account.state';
import type { AccountHandler, Now } from './handlers';

export interface RecordDebtDeps {
  readonly accounts: AccountHandler;
  readonly clock: Now;
}

export interface RecordDebt {
  readonly who: Principal;
  readonly accountId: string;
  /** The owning saga's id (e.g. `consulting:interview-<id>`): recording it again is a no-op. */
  readonly debtId: string;
  readonly points: number;
  readonly reason: string;
}

/**
 * The owning service delivered (an interview, a seat) and its payment was refused: the price becomes
 * the payer's debt instead of a free service. Collected like any debt: from what the account holds
 * now, then from the next earnings or grants.
 */
export async function recordDebt(deps: RecordDebtDeps, input: RecordDebt) {
  const { accountId, debtId, points, reason } = input;
  const result = await deps.accounts.handle(
    accountId,
    { type: 'RecordDebt', data: { expertId: accountId, debtId, points, reason, by: input.who.subject }, metadata: { now: deps.clock.now() } },
    // The amount is part of the command id: the same debt id with another amount must reach the decider and be refused.
    { commandId: `${debtId}:${points}` },
  );
  const recorded = result.newEvents.find((e) => e.type === 'PointsAdjusted');
  const collected = recorded?.type === 'PointsAdjusted' ? recorded.data.lots.reduce((sum, l) => sum + l.points, 0) : 0;
  return { debtId, points, collectedNow: collected, debt: result.state.debt, available: Math.max(0, availablePoints(result.state)) };
}
