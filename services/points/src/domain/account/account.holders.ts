import { ForbiddenError, type Role } from '@hope/kernel';

/**
 * Who holds a reservation. A service reserving for what it delivers (consulting for an interview or a
 * meeting seat, demand for a need) holds it: it is the saga's, and the account owner giving the
 * points back would take the service without paying. Anyone else reserves for the account itself
 * (the owner's own redemption), which the owner may still release.
 */
export const holderOf = (accountId: string, requestedBy: string, role: Role): string => (role === 'service' ? requestedBy : accountId);

/** Reservations recorded before holders were: services always reserved under a `service:<name>` subject. */
export const legacyHolderOf = (accountId: string, requestedBy: string): string => (requestedBy.startsWith('service:') ? requestedBy : accountId);

export class ReservationHeldByService extends ForbiddenError {
  constructor(reservationId: string, holder: string) {
    super(
      'POINTS.RESERVATION_HELD_BY_SERVICE',
      `Reservation ${reservationId} is held by ${holder}, which pays with it for an interview, a meeting seat or a need: ` +
        `only ${holder} or an operator may capture or release it; cancel the interview / seat / need through ${holder} instead`,
    );
  }
}

/**
 * Capture and release: an operator may always; a reservation held by a service only by that service;
 * the owner's own redemption by whoever reached the account (tenancy is checked at the edge: the
 * owner, or a service fulfilling the item).
 */
export function assertMayCloseReservation(accountId: string, r: { readonly reservationId: string; readonly heldBy: string }, by: string, role: Role): void {
  if (role === 'operator' || r.heldBy === accountId || r.heldBy === by) return;
  throw new ReservationHeldByService(r.reservationId, r.heldBy);
}
