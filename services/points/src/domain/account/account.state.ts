import type { Tier } from '../tiers/tier-policy';
import { retractionKeys } from './account.commands';
import type { AccountEvent, LotMovement } from './account.events';
import { legacyHolderOf } from './account.holders';
import { PersistentTable } from './persistent-table';

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
  /** Earned through a rule (counts towards the tier); grants do not. */
  readonly earnedByRule?: boolean;
}

export interface Reservation {
  readonly reservationId: string;
  readonly itemId: string;
  readonly points: number;
  readonly lots: readonly LotMovement[];
  readonly status: 'open' | 'captured' | 'released';
  readonly timeoutAt: string;
  /** Who may capture or release it besides operators (see account.holders.ts). */
  readonly heldBy: string;
  /** Points spent when captured (less than `points` after a partial capture, whose rest was released). */
  readonly captured?: number;
}

/** An earning or declined earning already decided for a source event and rule (`<sourceEventId>:<ruleId>`). */
export interface DecidedSource {
  readonly key: string;
  readonly ruleId: string;
  /** When the source occurred (per-period limits count from it). */
  readonly at: string;
  /** Earned (counts towards limits and once-ever, even if reversed since) or declined. */
  readonly earned: boolean;
}

export interface Adjustment {
  readonly adjustmentId: string;
  readonly points: number;
  readonly reason: string;
}

/**
 * Collections are persistent tables (see persistent-table.ts): folding an account's whole history is
 * linear in its number of events, and every intermediate state stays a valid, unchanged value.
 */
export interface Account {
  readonly status: 'empty' | 'open';
  /** In earning order; `oldestFirst` sorts by earnedAt for spending and expiry. */
  readonly lots: PersistentTable<Lot>;
  /** Points reversed or revoked after they had been spent; repaid by the next points that become spendable. */
  readonly debt: number;
  readonly reservations: PersistentTable<Reservation>;
  /** Every source already decided (earned or declined): a replayed source earns nothing more; earnings feed the limits. */
  readonly decidedSources: PersistentTable<DecidedSource>;
  /** Retraction keys (`proposal:<id>`, `invitation:<id>`) already applied. */
  readonly retracted: PersistentTable<string>;
  readonly adjustments: PersistentTable<Adjustment>;
  readonly tier: Tier;
  /** When the account reached its tier (the downgrade grace counts from it too). */
  readonly tierSince?: string;
}

export const initialState: Account = {
  status: 'empty',
  lots: PersistentTable.empty((l: Lot) => l.lotId),
  debt: 0,
  reservations: PersistentTable.empty((r: Reservation) => r.reservationId),
  decidedSources: PersistentTable.empty((d: DecidedSource) => d.key),
  retracted: PersistentTable.empty((k: string) => k),
  adjustments: PersistentTable.empty((a: Adjustment) => a.adjustmentId),
  tier: 'none',
};

/** The earnings that count towards the tier: through rules, not reversed. */
export const countedEarnings = (s: Account): { points: number; earnedAt: string }[] =>
  s.lots.values().filter((l) => l.earnedByRule && !l.reversed).map((l) => ({ points: l.points, earnedAt: l.earnedAt }));

export const sourceKey = (sourceEventId: string, ruleId: string): string => `${sourceEventId}:${ruleId}`;

const byAge = (a: Lot, b: Lot): number => (a.earnedAt < b.earnedAt ? -1 : a.earnedAt > b.earnedAt ? 1 : a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0);
export const oldestFirst = (lots: Iterable<Lot>): Lot[] => [...lots].sort(byAge);

export const pendingPoints = (s: Account): number => s.lots.values().reduce((sum, l) => sum + (l.pending ? l.remaining : 0), 0);
export const reservedPoints = (s: Account): number => s.reservations.values().reduce((sum, r) => sum + (r.status === 'open' ? r.points : 0), 0);
/** Spendable points minus debt: negative while a debt is outstanding. */
export const availablePoints = (s: Account): number => s.lots.values().reduce((sum, l) => sum + (l.pending ? 0 : l.remaining), 0) - s.debt;

/** Adds (sign 1) or removes (sign -1) points from the lots a movement names. */
const moveLots = (lots: PersistentTable<Lot>, moves: readonly LotMovement[], sign: 1 | -1): PersistentTable<Lot> =>
  moves.reduce((t, m) => t.update(m.lotId, (l) => ({ ...l, remaining: l.remaining + sign * m.points })), lots);

/**
 * Debt is repaid by the first points that become spendable (oldest lots first). This lives in evolve,
 * not in an event, because it follows from the events alone: a replay repays the same way.
 */
const settleDebt = (s: Account): Account => {
  if (s.debt === 0) return s;
  let debt = s.debt;
  let lots = s.lots;
  for (const l of oldestFirst(s.lots)) {
    if (debt === 0) break;
    if (l.pending || l.remaining === 0) continue;
    const take = Math.min(debt, l.remaining);
    lots = lots.set({ ...l, remaining: l.remaining - take });
    debt -= take;
  }
  return { ...s, debt, lots };
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
        earnedByRule: true,
      };
      return settleDebt({ ...s, lots: s.lots.set(lot), decidedSources: s.decidedSources.set({ key: sourceKey(e.sourceEventId, e.ruleId), ruleId: e.ruleId, at: e.earnedAt, earned: true }) });
    }
    case 'EarningDeclined':
      return { ...s, decidedSources: s.decidedSources.set({ key: sourceKey(event.data.sourceEventId, event.data.ruleId), ruleId: event.data.ruleId, at: event.data.at, earned: false }) };
    case 'PointsUnlocked': {
      return settleDebt({ ...s, lots: event.data.lots.reduce((t, m) => t.update(m.lotId, (l) => ({ ...l, pending: false })), s.lots) });
    }
    case 'PointsReversed': {
      const e = event.data;
      // A scan of the lots, but only per reversal (rare), never per earning.
      let lots = moveLots(s.lots, e.lots, -1);
      for (const l of s.lots) if (!l.reversed && l.retractKeys.includes(e.retracted)) lots = lots.update(l.lotId, (x) => ({ ...x, reversed: true }));
      // The new debt is repaid at once from other spendable lots, as any debt is (settleDebt).
      return settleDebt({ ...s, lots, debt: s.debt + e.debt, retracted: s.retracted.set(e.retracted) });
    }
    case 'PointsReserved': {
      const e = event.data;
      const reservation: Reservation = { reservationId: e.reservationId, itemId: e.itemId, points: e.points, lots: e.lots, status: 'open', timeoutAt: e.timeoutAt, heldBy: e.heldBy ?? legacyHolderOf(e.expertId, e.requestedBy) };
      return { ...s, lots: moveLots(s.lots, e.lots, -1), reservations: s.reservations.set(reservation) };
    }
    case 'ReservationCaptured': {
      const r = s.reservations.get(event.data.reservationId);
      return r ? { ...s, reservations: s.reservations.set({ ...r, status: 'captured', captured: event.data.points }) } : s;
    }
    case 'ReservationReleased': {
      const r = s.reservations.get(event.data.reservationId);
      if (!r) return s;
      // The remainder of a partial capture goes back; the reservation stays captured.
      return settleDebt({ ...s, lots: moveLots(s.lots, event.data.lots, 1), reservations: s.reservations.set({ ...r, status: r.status === 'captured' ? 'captured' : 'released' }) });
    }
    case 'PointsExpired': {
      return { ...s, lots: event.data.lots.reduce((t, m) => t.update(m.lotId, (l) => ({ ...l, remaining: l.remaining - m.points, expired: l.expired + m.points })), s.lots) };
    }
    case 'PointsAdjusted': {
      const e = event.data;
      const adjustments = s.adjustments.set({ adjustmentId: e.adjustmentId, points: e.points, reason: e.reason });
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
        return settleDebt({ ...s, adjustments, lots: s.lots.set(lot) });
      }
      return settleDebt({ ...s, adjustments, lots: moveLots(s.lots, e.lots, -1), debt: s.debt + e.debt });
    }
    case 'TierChanged':
      return { ...s, tier: event.data.to, tierSince: event.data.at };
    default:
      return s;
  }
};
