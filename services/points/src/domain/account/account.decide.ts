import { ValidationError } from '@hope/kernel';
import { addDays, expiryOf, periodStart, type LimitPeriod } from '../rules/earning-rules';
import { retractionKeys, type AccountCommand } from './account.commands';
import { assertMayCloseReservation, holderOf } from './account.holders';
import { DebtOutstanding, IdReused, InsufficientPoints, ItemUnavailable, ReservationClosed, ReservationNotFound } from './account.errors';
import type { AccountEvent, DeclineReason, LotMovement } from './account.events';
import { countedEarnings, evolve, initialState, oldestFirst, sourceKey, type Account, type Lot } from './account.state';
import { earnedInWindow, stayedBelow, thresholdOf, tierBelow, tierFor, tierRank, type TierPolicy } from '../tiers/tier-policy';

const PERIODS: readonly LimitPeriod[] = ['day', 'week', 'month'];

/** Takes `points` from spendable lots, oldest first; returns what it took and what it could not. */
function takeOldestFirst(lots: Iterable<Lot>, points: number, now: Date | undefined): { moves: LotMovement[]; short: number } {
  const moves: LotMovement[] = [];
  let left = points;
  for (const l of oldestFirst(lots)) {
    if (left === 0) break;
    // With `now`, a lot past its expiry is not spendable even before the expiry job wrote it off.
    if (l.pending || l.remaining === 0 || (now && Date.parse(l.expiresAt) <= now.getTime())) continue;
    const take = Math.min(left, l.remaining);
    moves.push({ lotId: l.lotId, points: take, pending: false });
    left -= take;
  }
  return { moves, short: left };
}

/** What is left of a reservation's lot movements (oldest first) once its first `points` are spent. */
function remainderAfter(moves: readonly LotMovement[], points: number): LotMovement[] {
  const rest: LotMovement[] = [];
  let left = points;
  for (const m of moves) {
    const spent = Math.min(left, m.points);
    if (m.points > spent) rest.push({ ...m, points: m.points - spent });
    left -= spent;
  }
  return rest;
}

const spendable = (s: Account, now: Date): number =>
  s.lots.values().reduce((sum, l) => sum + (!l.pending && Date.parse(l.expiresAt) > now.getTime() ? l.remaining : 0), 0) - s.debt;

function declineReason(cmd: Extract<AccountCommand, { type: 'EarnPoints' }>, s: Account): DeclineReason | undefined {
  const { rule, provenance, occurredAt } = cmd.data;
  if (retractionKeys(provenance).some((k) => s.retracted.has(k))) return 'source-retracted';
  const mine = s.decidedSources.values().filter((d) => d.earned && d.ruleId === rule.id);
  if (rule.onceEver && mine.length > 0) return 'once-ever';
  for (const period of PERIODS) {
    const limit = rule.perExpert?.[period];
    if (limit === undefined) continue;
    const start = periodStart(period, occurredAt);
    const inPeriod = mine.filter((e) => periodStart(period, new Date(e.at)) === start).length;
    if (inPeriod >= limit) return `limit-${period}`;
  }
  return cmd.data.budgetExhausted ? 'budget-exhausted' : undefined;
}

/** PointsExpired for what lots past their expiry still hold, oldest first (nothing if none). */
function expireDue(s: Account, expertId: string, now: Date): AccountEvent[] {
  const due = oldestFirst(s.lots.values().filter((l) => l.remaining > 0 && Date.parse(l.expiresAt) <= now.getTime()));
  if (due.length === 0) return [];
  const lots = due.map((l) => ({ lotId: l.lotId, points: l.remaining, pending: l.pending }));
  return [{ type: 'PointsExpired', data: { expertId, lots, points: lots.reduce((sum, l) => sum + l.points, 0), at: now.toISOString() } }];
}

/**
 * Points that come back to a lot already past its expiry (a released reservation) or a lot earned
 * late (a source that occurred long ago) expire in the same decision, so the expiry job never has to
 * look back before its watermark.
 */
const thenExpire = (s: Account, events: AccountEvent[], expertId: string, now: Date): AccountEvent[] =>
  events.length === 0 ? events : [...events, ...expireDue(events.reduce(evolve, s), expertId, now)];

/** After an earning: TierChanged up to the highest tier the window now reaches, if that is higher. */
function thenUpgrade(s: Account, events: AccountEvent[], expertId: string, policy: TierPolicy | undefined, now: Date): AccountEvent[] {
  if (!policy || !events.some((e) => e.type === 'PointsEarned')) return events;
  const after = events.reduce(evolve, s);
  const earnedInYear = earnedInWindow(countedEarnings(after), policy, now.getTime());
  const to = tierFor(policy, earnedInYear);
  if (tierRank(to) <= tierRank(after.tier)) return events;
  return [...events, { type: 'TierChanged', data: { expertId, from: after.tier, to, earnedInYear, at: now.toISOString() } }];
}

/** One step down, once the account held its tier and stayed below its threshold for the grace period. */
function evaluateDowngrade(s: Account, expertId: string, policy: TierPolicy, now: Date): AccountEvent[] {
  if (s.tier === 'none') return [];
  const graceMs = policy.downgrade.graceDays * 86_400_000;
  if (s.tierSince && Date.parse(s.tierSince) + graceMs > now.getTime()) return [];
  const earnings = countedEarnings(s);
  if (!stayedBelow(earnings, policy, thresholdOf(policy, s.tier), now.getTime())) return [];
  return [{ type: 'TierChanged', data: { expertId, from: s.tier, to: tierBelow(s.tier), earnedInYear: earnedInWindow(earnings, policy, now.getTime()), at: now.toISOString() } }];
}

/** Takes `points` from what the lots still hold (like debt repayment, whatever their date); whatever is missing becomes debt. */
function revocation(s: Account, d: { expertId: string; adjustmentId: string; points: number; reason: string; by: string; at: string }): AccountEvent {
  const { moves, short } = takeOldestFirst(s.lots, d.points, undefined);
  return { type: 'PointsAdjusted', data: { ...d, points: -d.points, lots: moves, debt: short } };
}

export const decide = (cmd: AccountCommand, s: Account): AccountEvent[] => {
  const now = cmd.metadata.now;
  const at = now.toISOString();
  const expertId = cmd.data.expertId;
  switch (cmd.type) {
    case 'EarnPoints': {
      const { rule, ruleSet, sourceEventId, sourceType, occurredAt, provenance, lotId } = cmd.data;
      if (s.decidedSources.has(sourceKey(sourceEventId, rule.id))) return [];
      const reason = declineReason(cmd, s);
      if (reason) return [{ type: 'EarningDeclined', data: { expertId, ruleId: rule.id, ruleVersion: ruleSet.version, sourceEventId, sourceType, reason, at: occurredAt.toISOString() } }];
      const availableAt = addDays(occurredAt, ruleSet.pendingDays);
      const earnedEvent: AccountEvent[] = [
        {
          type: 'PointsEarned',
          data: {
            expertId,
            lotId,
            points: rule.points,
            ruleId: rule.id,
            ruleVersion: ruleSet.version,
            sourceEventId,
            sourceType,
            provenance,
            earnedAt: occurredAt.toISOString(),
            availableAt: availableAt.toISOString(),
            pending: ruleSet.pendingDays > 0,
            expiresAt: expiryOf(ruleSet.expiry, occurredAt).toISOString(),
          },
        },
      ];
      return thenUpgrade(s, thenExpire(s, earnedEvent, expertId, now), expertId, cmd.data.tierPolicy, now);
    }
    case 'EvaluateTier':
      return evaluateDowngrade(s, expertId, cmd.data.tierPolicy, now);
    case 'ReverseSource': {
      const { retracted, sourceEventId, sourceType, reason } = cmd.data;
      if (s.retracted.has(retracted)) return [];
      // Recorded even when nothing was earned yet: an earning that arrives later is then declined.
      const lots = s.lots.values().filter((l) => !l.reversed && l.retractKeys.includes(retracted));
      const points = lots.reduce((sum, l) => sum + l.points - l.expired, 0);
      const moves = lots.filter((l) => l.remaining > 0).map((l) => ({ lotId: l.lotId, points: l.remaining, pending: l.pending }));
      const moved = moves.reduce((sum, m) => sum + m.points, 0);
      return [{ type: 'PointsReversed', data: { expertId, sourceEventId, sourceType, retracted, reason, lots: moves, debt: points - moved, points, at } }];
    }
    case 'UnlockPoints': {
      const due = s.lots.values().filter((l) => l.pending && Date.parse(l.availableAt) <= now.getTime());
      if (due.length === 0) return [];
      const lots = oldestFirst(due).map((l) => ({ lotId: l.lotId, points: l.remaining, pending: true }));
      return [{ type: 'PointsUnlocked', data: { expertId, lots, points: lots.reduce((sum, l) => sum + l.points, 0), at } }];
    }
    case 'ExpirePoints':
      return expireDue(s, expertId, now);
    case 'ReservePoints': {
      const { reservationId, item, timeoutAt, requestedBy, requesterRole } = cmd.data;
      const existing = s.reservations.get(reservationId);
      if (existing) {
        if (existing.itemId === item.id) return [];
        throw new IdReused('reservation', reservationId);
      }
      if (item.availableFrom && now.getTime() < Date.parse(item.availableFrom)) throw new ItemUnavailable(item.id, `available from ${item.availableFrom}`);
      if (item.availableUntil && now.getTime() >= Date.parse(item.availableUntil)) throw new ItemUnavailable(item.id, `no longer available since ${item.availableUntil}`);
      if (item.perExpertLimit !== undefined) {
        const held = s.reservations.values().filter((r) => r.itemId === item.id && r.status !== 'released').length;
        if (held >= item.perExpertLimit) throw new ItemUnavailable(item.id, `at most ${item.perExpertLimit} per expert`);
      }
      if (s.debt > 0) throw new DebtOutstanding(s.debt);
      const { moves, short } = takeOldestFirst(s.lots, item.price, now);
      if (short > 0) throw new InsufficientPoints(spendable(s, now), item.price);
      return [
        {
          type: 'PointsReserved',
          data: { expertId, reservationId, itemId: item.id, points: item.price, lots: moves, reservedAt: at, timeoutAt: timeoutAt.toISOString(), requestedBy, heldBy: holderOf(expertId, requestedBy, requesterRole) },
        },
      ];
    }
    case 'CaptureReservation': {
      const r = s.reservations.get(cmd.data.reservationId);
      if (!r) throw new ReservationNotFound(cmd.data.reservationId);
      assertMayCloseReservation(expertId, r, cmd.data.by, cmd.data.byRole);
      if (r.status === 'captured') return [];
      if (r.status === 'released') throw new ReservationClosed(r.reservationId, 'released');
      const points = cmd.data.points ?? r.points;
      if (!Number.isSafeInteger(points) || points < 1 || points > r.points) {
        throw new ValidationError('POINTS.INVALID_CAPTURE', `A capture takes 1 to ${r.points} points of this reservation`, [{ field: 'points', reason: `must be an integer from 1 to ${r.points}` }]);
      }
      const captured: AccountEvent = { type: 'ReservationCaptured', data: { expertId, reservationId: r.reservationId, points, at, by: cmd.data.by } };
      if (points === r.points) return [captured];
      // The oldest lots pay (as spending always does); the newest part of the reservation goes back.
      const lots = remainderAfter(r.lots, points);
      const released: AccountEvent = { type: 'ReservationReleased', data: { expertId, reservationId: r.reservationId, points: r.points - points, lots, reason: 'partial-capture', at, by: cmd.data.by } };
      return thenExpire(s, [captured, released], expertId, now);
    }
    case 'ReleaseReservation': {
      const r = s.reservations.get(cmd.data.reservationId);
      if (!r) throw new ReservationNotFound(cmd.data.reservationId);
      assertMayCloseReservation(expertId, r, cmd.data.by, cmd.data.byRole);
      if (r.status === 'released') return [];
      if (r.status === 'captured') throw new ReservationClosed(r.reservationId, 'captured');
      return thenExpire(s, [{ type: 'ReservationReleased', data: { expertId, reservationId: r.reservationId, points: r.points, lots: [...r.lots], reason: cmd.data.reason, at, by: cmd.data.by } }], expertId, now);
    }
    case 'ReleaseTimedOutReservations': {
      const released: AccountEvent[] = s.reservations.values()
        .filter((r) => r.status === 'open' && Date.parse(r.timeoutAt) <= now.getTime())
        .map((r) => ({ type: 'ReservationReleased', data: { expertId, reservationId: r.reservationId, points: r.points, lots: [...r.lots], reason: 'timeout', at, by: 'points.reservation-timeout' } }));
      return thenExpire(s, released, expertId, now);
    }
    case 'AdjustPoints': {
      const { adjustmentId, points, reason, by, expiry } = cmd.data;
      if (!Number.isSafeInteger(points) || points === 0) throw new ValidationError('POINTS.INVALID_ADJUSTMENT', 'An adjustment is a non-zero whole number of points', [{ field: 'points', reason: 'must be a non-zero integer' }]);
      const existing = s.adjustments.get(adjustmentId);
      if (existing) {
        if (existing.points === points && existing.reason === reason) return [];
        throw new IdReused('adjustment', adjustmentId);
      }
      if (points > 0) {
        return [{ type: 'PointsAdjusted', data: { expertId, adjustmentId, points, reason, by, at, lots: [{ lotId: adjustmentId, points, pending: false }], debt: 0, expiresAt: expiryOf(expiry, now).toISOString() } }];
      }
      // A revocation takes what the lots still hold (like debt repayment, whatever their date);
      // whatever was already spent becomes debt.
      return [revocation(s, { expertId, adjustmentId, points: -points, reason, by, at })];
    }
    case 'RecordDebt': {
      const { debtId, points, reason, by } = cmd.data;
      if (!Number.isSafeInteger(points) || points < 1) throw new ValidationError('POINTS.INVALID_DEBT', 'A debt is a positive whole number of points', [{ field: 'points', reason: 'must be a positive integer' }]);
      const existing = s.adjustments.get(debtId);
      if (existing) {
        if (existing.points === -points && existing.reason === reason) return [];
        throw new IdReused('debt', debtId);
      }
      // Recorded as a revocation (the debt concept reversals and revocations share): what the lots hold
      // pays now, the rest is debt that blocks spending and is repaid by the next points earned or granted.
      return [revocation(s, { expertId, adjustmentId: debtId, points, reason, by, at })];
    }
  }
};

export const accountDecider = { decide, evolve, initialState };
