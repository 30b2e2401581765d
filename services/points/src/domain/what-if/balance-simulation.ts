import type { AccountCommand } from '../account/account.commands';
import { decide } from '../account/account.decide';
import { applyMovement, emptyBalance, type Balance } from '../account/account.balance';
import type { AccountEvent } from '../account/account.events';
import { evolve, initialState, type Account } from '../account/account.state';
import { addDays, expiryOf, type RuleSet } from '../rules/earning-rules';
import type { DraftMovement } from './what-if';

/**
 * An account's balance at the end of a what-if period, had the draft rule set been in force: the
 * account's own decider (decide/evolve) is run in event time over
 * - the draft's earnings and the recorded retractions (each decided at the instant its source occurred,
 *   with the draft's pending period and expiry policy; rule set version 0 stands for the draft);
 * - the lots' unlocks and expiries, each at its instant (`availableAt`, `expiresAt`);
 * - the account's real movements that no recorded source explains, replayed at their own instants:
 *   a capture takes its points from the simulated lots, oldest first, and what they lack becomes a
 *   simulated debt (repaid by the next spendable points, as any debt); a reservation still open at the
 *   end of the period is held then, the same way; released reservations never happened; an operator's
 *   grant is a new lot expiring under the draft's policy, a revocation takes from the oldest lots
 *   (the rest is debt); an earning whose source was never recorded (before recording began) is carried
 *   over exactly as it was, and a reversal of such a source is decided again on the simulated lots.
 * Real unlocks, expiries and releases are not replayed: the simulation makes its own.
 * Pure: events come in, figures go out.
 */
export interface BalanceFigures {
  /** Points earned through rules up to the instant (lifetime, not only the period). */
  readonly earned: number;
  readonly pending: number;
  /** Spendable now (never negative; see `debt`). */
  readonly available: number;
  readonly debt: number;
  readonly reserved: number;
  readonly spent: number;
  readonly expired: number;
  readonly reversed: number;
  /** Operators' grants (+) and revocations (-). */
  readonly adjusted: number;
}

export const figuresOf = (b: Balance): BalanceFigures => ({
  earned: b.earned,
  pending: b.pending,
  available: Math.max(0, b.available),
  debt: Math.max(0, -b.available),
  reserved: b.reserved,
  spent: b.spent,
  expired: b.expired,
  reversed: b.reversed,
  adjusted: b.adjusted,
});

/** A real movement with the instant it happened (an earning: when its source occurred). */
export interface TimedEvent {
  readonly at: string;
  readonly event: AccountEvent;
}

/** The real figures at the instant: the sum of the movements that happened before it. */
export const realFigures = (real: readonly TimedEvent[]): BalanceFigures => figuresOf(real.reduce((b, m) => applyMovement(b, m.event), emptyBalance));

const SPEND = 'spend:';
const HOLD = 'hold:';
const BY = 'points.what-if';

/** A capture or a hold replayed as a revocation (oldest lots, the rest is debt) is counted as spent or reserved, not adjusted. */
const applySimulated = (b: Balance, e: AccountEvent): Balance => {
  const next = applyMovement(b, e);
  if (e.type !== 'PointsAdjusted') return next;
  const points = -e.data.points;
  if (e.data.adjustmentId.startsWith(SPEND)) return { ...next, adjusted: next.adjusted - e.data.points, spent: next.spent + points };
  if (e.data.adjustmentId.startsWith(HOLD)) return { ...next, adjusted: next.adjusted - e.data.points, reserved: next.reserved + points };
  return next;
};

type Step = { readonly at: number; readonly rank: number; readonly seq: number } & ({ readonly command: AccountCommand } | { readonly event: AccountEvent } | { readonly checkpoint: true });

export interface BalanceSimulationInput {
  readonly expertId: string;
  readonly policy: Pick<RuleSet, 'pendingDays' | 'expiry'>;
  /** The draft's earnings and the retractions for this account, in fact order (see `simulate`). */
  readonly draft: readonly DraftMovement[];
  /** The account's real movements before `to`, in store order. */
  readonly real: readonly TimedEvent[];
  /** Sources the draft was re-run over: their real earnings and reversals are replaced by the draft's. */
  readonly recordedSources: ReadonlySet<string>;
  readonly to: Date;
}

export function simulateBalance(input: BalanceSimulationInput): BalanceFigures {
  const { expertId, policy, to } = input;
  const end = to.getTime();
  const ruleSet = { version: 0, pendingDays: policy.pendingDays, expiry: policy.expiry };
  const steps: Step[] = [];
  const instants = new Set<number>([end]);
  const lotInstants = (availableAt: number, expiresAt: number) => [availableAt, expiresAt].forEach((t) => t < end && instants.add(t));

  for (const m of input.draft) {
    const at = new Date(m.at);
    if (m.kind === 'earning') {
      lotInstants(addDays(at, policy.pendingDays).getTime(), expiryOf(policy.expiry, at).getTime());
      const data = { expertId, lotId: `${m.sourceEventId}:${m.rule.id}`, rule: m.rule, ruleSet, sourceEventId: m.sourceEventId, sourceType: m.sourceType, occurredAt: at, provenance: m.provenance };
      steps.push({ at: at.getTime(), rank: 1, seq: m.order, command: { type: 'EarnPoints', data, metadata: { now: at } } });
    } else {
      const data = { expertId, sourceEventId: m.sourceEventId, sourceType: m.sourceType, retracted: m.key, reason: 'retracted' };
      steps.push({ at: at.getTime(), rank: 1, seq: m.order, command: { type: 'ReverseSource', data, metadata: { now: at } } });
    }
  }

  const open = new Map<string, number>();
  input.real.forEach(({ at: iso, event: e }, seq) => {
    const at = Date.parse(iso);
    const now = new Date(at);
    const step = (x: { command: AccountCommand } | { event: AccountEvent }) => steps.push({ at, rank: 2, seq, ...x });
    switch (e.type) {
      case 'PointsEarned':
        if (input.recordedSources.has(e.data.sourceEventId)) return;
        lotInstants(Date.parse(e.data.availableAt), Date.parse(e.data.expiresAt));
        return step({ event: e });
      case 'PointsReversed':
        if (input.recordedSources.has(e.data.sourceEventId)) return;
        return step({ command: { type: 'ReverseSource', data: { expertId, sourceEventId: e.data.sourceEventId, sourceType: e.data.sourceType, retracted: e.data.retracted, reason: e.data.reason }, metadata: { now } } });
      case 'PointsReserved':
        open.set(e.data.reservationId, e.data.points);
        return;
      case 'ReservationReleased':
        open.delete(e.data.reservationId);
        return;
      case 'ReservationCaptured':
        open.delete(e.data.reservationId);
        return step({ command: revoke(expertId, `${SPEND}${e.data.reservationId}`, e.data.points, now, policy) });
      case 'PointsAdjusted': {
        const { adjustmentId, points, reason, by } = e.data;
        if (points > 0) lotInstants(at, expiryOf(policy.expiry, now).getTime());
        return step({ command: { type: 'AdjustPoints', data: { expertId, adjustmentId, points, reason, by, expiry: policy.expiry }, metadata: { now } } });
      }
      default:
        return;
    }
  });
  for (const [reservationId, points] of open) steps.push({ at: end, rank: 3, seq: 0, command: revoke(expertId, `${HOLD}${reservationId}`, points, to, policy) });
  for (const t of instants) steps.push({ at: t, rank: 0, seq: 0, checkpoint: true });
  // Same instant: lots due unlock and expire first (a lot expiring at t is not spendable at t), then sources, then real movements.
  steps.sort((a, b) => a.at - b.at || a.rank - b.rank || a.seq - b.seq);

  let state: Account = initialState;
  let balance: Balance = emptyBalance;
  const record = (events: readonly AccountEvent[]) => {
    for (const e of events) {
      state = evolve(state, e);
      balance = applySimulated(balance, e);
    }
  };
  for (const s of steps) {
    if (s.at > end) continue;
    if ('event' in s) record([s.event]);
    else if ('command' in s) record(decide(s.command, state));
    else {
      const now = new Date(s.at);
      record(decide({ type: 'UnlockPoints', data: { expertId }, metadata: { now } }, state));
      record(decide({ type: 'ExpirePoints', data: { expertId }, metadata: { now } }, state));
    }
  }
  return figuresOf(balance);
}

/** Real spending replayed: taken from the oldest lots whatever they hold, the rest becomes debt. */
const revoke = (expertId: string, adjustmentId: string, points: number, now: Date, policy: Pick<RuleSet, 'expiry'>): AccountCommand => ({
  type: 'AdjustPoints',
  data: { expertId, adjustmentId, points: -points, reason: 'real spending replayed', by: BY, expiry: policy.expiry },
  metadata: { now },
});
