import type { LotMovementV1 } from '@hope/contracts';
import { retractionKeys } from './account.commands';
import type { AccountEvent } from './account.events';

/** Points earned together, spent and expired together: the unit of "oldest first" and of provenance. */
export interface Lot {
  readonly lotId: string;
  readonly points: number;
  /** What is left to spend; reserved, spent, expired and reversed points have left the lot. */
  readonly remaining: number;
  readonly expired: number;
  readonly pending: boolean;
  readonly earnedAt: string;
  readonly availableAt: string;
  readonly expiresAt: string;
  readonly retractKeys: readonly string[];
  readonly reversed: boolean;
  /** Provenance for "explain": the rule and source event (earnings) or the adjustment id (grants). */
  readonly origin?: string;
}

export interface Reservation {
  readonly reservationId: string;
  readonly itemId: string;
  readonly points: number;
  readonly lots: readonly LotMovementV1[];
  readonly status: 'open' | 'captured' | 'released';
  readonly timeoutAt: string;
}

export interface Account {
  readonly status: 'empty' | 'open';
  /** In earning order; `oldestFirst` sorts by earnedAt for spending and expiry. */
  readonly lots: readonly Lot[];
  /** Points reversed or revoked after they had been spent; repaid by the next points that become spendable. */
  readonly debt: number;
  readonly reservations: Readonly<Record<string, Reservation>>;
  /** `<sourceEventId>:<ruleId>` already decided (earned or declined): a replayed source earns nothing more. */
  readonly decidedSources: Readonly<Record<string, true>>;
  /** Every earning by rule and time, for per-period and once-ever limits (reversed ones still count). */
  readonly earnings: readonly { readonly ruleId: string; readonly at: string }[];
  readonly retracted: Readonly<Record<string, true>>;
  readonly adjustments: Readonly<Record<string, { readonly points: number; readonly reason: string }>>;
}

export const initialState: Account = { status: 'empty', lots: [], debt: 0, reservations: {}, decidedSources: {}, earnings: [], retracted: {}, adjustments: {} };

export const sourceKey = (sourceEventId: string, ruleId: string): string => `${sourceEventId}:${ruleId}`;

export const oldestFirst = (lots: readonly Lot[]): Lot[] =>
  [...lots].sort((a, b) => (a.earnedAt < b.earnedAt ? -1 : a.earnedAt > b.earnedAt ? 1 : a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0));

export const pendingPoints = (s: Account): number => s.lots.reduce((sum, l) => sum + (l.pending ? l.remaining : 0), 0);
export const reservedPoints = (s: Account): number => Object.values(s.reservations).reduce((sum, r) => sum + (r.status === 'open' ? r.points : 0), 0);
/** Spendable points minus debt: negative while a debt is outstanding. */
export const availablePoints = (s: Account): number => s.lots.reduce((sum, l) => sum + (l.pending ? 0 : l.remaining), 0) - s.debt;

const byId = (moves: readonly LotMovementV1[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const x of moves) m.set(x.lotId, (m.get(x.lotId) ?? 0) + x.points);
  return m;
};

/** Adds (sign 1) or removes (sign -1) points from the lots a movement names. */
const moveLots = (lots: readonly Lot[], moves: readonly LotMovementV1[], sign: 1 | -1, change: Partial<Lot> = {}): Lot[] => {
  const m = byId(moves);
  return lots.map((l) => (m.has(l.lotId) ? { ...l, ...change, remaining: l.remaining + sign * m.get(l.lotId)! } : l));
};

/**
 * Debt is repaid by the first points that become spendable (oldest lots first). This lives in evolve,
 * not in an event, because it follows from the events alone: a replay repays the same way.
 */
const settleDebt = (s: Account): Account => {
  if (s.debt === 0) return s;
  let debt = s.debt;
  const repaid = new Map<string, number>();
  for (const l of oldestFirst(s.lots)) {
    if (debt === 0) break;
    if (l.pending || l.remaining === 0) continue;
    const take = Math.min(debt, l.remaining);
    repaid.set(l.lotId, take);
    debt -= take;
  }
  return { ...s, debt, lots: s.lots.map((l) => (repaid.has(l.lotId) ? { ...l, remaining: l.remaining - repaid.get(l.lotId)! } : l)) };
};

const open = (s: Account): Account => (s.status === 'open' ? s : { ...s, status: 'open' });

/** Total: accepts every recorded event, so old history always replays. */
export const evolve = (state: Account, event: AccountEvent): Account => {
  const s = open(state);
  switch (event.type) {
    case 'PointsEarned': {
      const e = event.data;
      const lot: Lot = {
        lotId: e.lotId,
        points: e.points,
        remaining: e.points,
        expired: 0,
        pending: e.pending,
        earnedAt: e.earnedAt,
        availableAt: e.availableAt,
        expiresAt: e.expiresAt,
        retractKeys: retractionKeys(e.provenance),
        reversed: false,
        origin: `${e.ruleId}@v${e.ruleVersion} from ${e.sourceType} ${e.sourceEventId}`,
      };
      return settleDebt({
        ...s,
        lots: [...s.lots, lot],
        decidedSources: { ...s.decidedSources, [sourceKey(e.sourceEventId, e.ruleId)]: true },
        earnings: [...s.earnings, { ruleId: e.ruleId, at: e.earnedAt }],
      });
    }
    case 'EarningDeclined':
      return { ...s, decidedSources: { ...s.decidedSources, [sourceKey(event.data.sourceEventId, event.data.ruleId)]: true } };
    case 'PointsUnlocked': {
      const ids = new Set(event.data.lots.map((l) => l.lotId));
      return settleDebt({ ...s, lots: s.lots.map((l) => (ids.has(l.lotId) ? { ...l, pending: false } : l)) });
    }
    case 'PointsReversed': {
      const e = event.data;
      const reversedIds = new Set(s.lots.filter((l) => !l.reversed && l.retractKeys.includes(e.retracted)).map((l) => l.lotId));
      const lots = moveLots(s.lots, e.lots, -1).map((l) => (reversedIds.has(l.lotId) ? { ...l, reversed: true } : l));
      // The new debt is repaid at once from other spendable lots, as any debt is (settleDebt).
      return settleDebt({ ...s, lots, debt: s.debt + e.debt, retracted: { ...s.retracted, [e.retracted]: true } });
    }
    case 'PointsReserved': {
      const e = event.data;
      const reservation: Reservation = { reservationId: e.reservationId, itemId: e.itemId, points: e.points, lots: e.lots, status: 'open', timeoutAt: e.timeoutAt };
      return { ...s, lots: moveLots(s.lots, e.lots, -1), reservations: { ...s.reservations, [e.reservationId]: reservation } };
    }
    case 'ReservationCaptured': {
      const r = s.reservations[event.data.reservationId];
      return r ? { ...s, reservations: { ...s.reservations, [r.reservationId]: { ...r, status: 'captured' } } } : s;
    }
    case 'ReservationReleased': {
      const r = s.reservations[event.data.reservationId];
      if (!r) return s;
      return settleDebt({ ...s, lots: moveLots(s.lots, event.data.lots, 1), reservations: { ...s.reservations, [r.reservationId]: { ...r, status: 'released' } } });
    }
    case 'PointsExpired': {
      const m = byId(event.data.lots);
      return { ...s, lots: s.lots.map((l) => (m.has(l.lotId) ? { ...l, remaining: l.remaining - m.get(l.lotId)!, expired: l.expired + m.get(l.lotId)! } : l)) };
    }
    case 'PointsAdjusted': {
      const e = event.data;
      const adjustments = { ...s.adjustments, [e.adjustmentId]: { points: e.points, reason: e.reason } };
      if (e.points > 0) {
        const lot: Lot = {
          lotId: e.adjustmentId,
          points: e.points,
          remaining: e.points,
          expired: 0,
          pending: false,
          earnedAt: e.at,
          availableAt: e.at,
          expiresAt: e.expiresAt ?? e.at,
          retractKeys: [],
          reversed: false,
          origin: `adjustment ${e.adjustmentId} by ${e.by}: ${e.reason}`,
        };
        return settleDebt({ ...s, adjustments, lots: [...s.lots, lot] });
      }
      return settleDebt({ ...s, adjustments, lots: moveLots(s.lots, e.lots, -1), debt: s.debt + e.debt });
    }
    default:
      return s;
  }
};
