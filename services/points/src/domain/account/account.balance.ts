import type { AccountEvent } from './account.events';

/**
 * The balance as the sum of movements: what the balance projection stores and what the property
 * tests hold the lot-based state to. `available` is signed; below zero it is a debt.
 * available = earned + adjusted - pending - spent - reserved - expired - reversed.
 */
export interface Balance {
  readonly earned: number;
  readonly pending: number;
  readonly available: number;
  readonly reserved: number;
  readonly spent: number;
  readonly expired: number;
  readonly reversed: number;
  /** Operator grants (+) and revocations (-). */
  readonly adjusted: number;
}

export const emptyBalance: Balance = { earned: 0, pending: 0, available: 0, reserved: 0, spent: 0, expired: 0, reversed: 0, adjusted: 0 };

const pendingPart = (lots: readonly { points: number; pending: boolean }[]): number => lots.reduce((s, l) => s + (l.pending ? l.points : 0), 0);

export const applyMovement = (b: Balance, event: AccountEvent): Balance => {
  switch (event.type) {
    case 'PointsEarned': {
      const p = event.data.points;
      return event.data.pending ? { ...b, earned: b.earned + p, pending: b.pending + p } : { ...b, earned: b.earned + p, available: b.available + p };
    }
    case 'PointsUnlocked':
      return { ...b, pending: b.pending - event.data.points, available: b.available + event.data.points };
    case 'PointsReversed': {
      const fromPending = pendingPart(event.data.lots);
      return { ...b, reversed: b.reversed + event.data.points, pending: b.pending - fromPending, available: b.available - (event.data.points - fromPending) };
    }
    case 'PointsReserved':
      return { ...b, reserved: b.reserved + event.data.points, available: b.available - event.data.points };
    case 'ReservationCaptured':
      return { ...b, reserved: b.reserved - event.data.points, spent: b.spent + event.data.points };
    case 'ReservationReleased':
      return { ...b, reserved: b.reserved - event.data.points, available: b.available + event.data.points };
    case 'PointsExpired': {
      const fromPending = pendingPart(event.data.lots);
      return { ...b, expired: b.expired + event.data.points, pending: b.pending - fromPending, available: b.available - (event.data.points - fromPending) };
    }
    case 'PointsAdjusted':
      return { ...b, adjusted: b.adjusted + event.data.points, available: b.available + event.data.points };
    case 'EarningDeclined':
    case 'TierChanged':
      return b;
  }
};
