import type { Principal } from '@hope/kernel';
import { availablePoints } from '../domain/account/account.state';
import type { RulebookQueries } from '../projections/rulebook/rulebook.queries';
import type { AccountHandler, Now } from './handlers';

export interface AdjustPointsDeps {
  readonly accounts: AccountHandler;
  readonly rules: RulebookQueries;
  readonly clock: Now;
}

export interface AdjustPoints {
  readonly who: Principal;
  readonly expertId: string;
  readonly adjustmentId: string;
  readonly points: number;
  readonly reason: string;
}

/** An operator grants (a new lot) or revokes (oldest lots first, the rest as debt) points by hand. */
export async function adjustPoints(deps: AdjustPointsDeps, input: AdjustPoints) {
  const { expertId, adjustmentId, points, reason } = input;
  const result = await deps.accounts.handle(
    expertId,
    // Write decision from a read model: a grant expires under the policy of the latest rule set (rulebook projection).
    { type: 'AdjustPoints', data: { expertId, adjustmentId, points, reason, by: input.who.subject, expiry: deps.rules.current().expiry }, metadata: { now: deps.clock.now() } },
    // The body is part of the command id: the same id with another amount must reach the decider and be refused.
    { commandId: `${adjustmentId}:${points}:${reason}` },
  );
  return { adjustmentId, points, available: Math.max(0, availablePoints(result.state)), debt: result.state.debt };
}
