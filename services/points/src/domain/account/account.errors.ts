import { IllegalStateError, NotFoundError } from '@hope/kernel';

/** The account's refusals, each with a stable code clients may branch on. */
export class InsufficientPoints extends IllegalStateError {
  constructor(readonly available: number, readonly price: number) {
    super('POINTS.INSUFFICIENT', `Not enough points: ${available} available, ${price} needed`, { status: 422 });
  }
}

export class DebtOutstanding extends IllegalStateError {
  constructor(readonly debt: number) {
    super('POINTS.DEBT_OUTSTANDING', `Spending is blocked until a debt of ${debt} points is repaid`, { status: 422 });
  }
}

export class ItemUnavailable extends IllegalStateError {
  constructor(itemId: string, why: string) {
    super('POINTS.ITEM_UNAVAILABLE', `Item ${itemId} cannot be redeemed: ${why}`, { status: 422 });
  }
}

export class ReservationNotFound extends NotFoundError {
  constructor(reservationId: string) {
    super('POINTS.RESERVATION_NOT_FOUND', `No reservation ${reservationId} on this account`);
  }
}

export class ReservationClosed extends IllegalStateError {
  constructor(reservationId: string, status: 'captured' | 'released') {
    super(`POINTS.RESERVATION_${status.toUpperCase()}`, `Reservation ${reservationId} was already ${status}`);
  }
}

export class IdReused extends IllegalStateError {
  constructor(what: 'reservation' | 'adjustment' | 'debt', id: string) {
    super(`POINTS.${what.toUpperCase()}_ID_REUSED`, `The ${what} id ${id} was already used for a different request`);
  }
}
