import { ForbiddenError, NotFoundError, type Principal } from '@hope/kernel';
import { expertRequesterOrganisation } from '../../domain/interview/interview.decide';
import type { Booking, BookingFilter, BookingsPage, BookingsQueries } from '../../projections/bookings/bookings.queries';
import type { Payment, PaymentsQueries } from '../../projections/payments/payments.queries';

export interface BookingReaders {
  readonly bookings: BookingsQueries;
  readonly payments: PaymentsQueries;
}

export type BookingWithPayment = Booking & { pointsPayment: Payment | null };

/** The filters a caller may ask for, as they come from the query string. */
export type BookingListRequest = Omit<BookingFilter, 'expertOrRequester'>;

/**
 * Tenancy lives here, server-side: an enterprise only ever reads its organisation's bookings, an
 * expert their own (given, or booked with a peer), operators/analysts/services all of them.
 */
const scope = (who: Principal, filter: BookingListRequest): BookingFilter => {
  if (who.role === 'enterprise') {
    if (filter.organisationId !== undefined && filter.organisationId !== who.organisationId) throw new ForbiddenError('CONSULTING.OTHER_TENANT', 'An enterprise sees only its own bookings');
    return { ...filter, organisationId: who.organisationId ?? '\u0000' };
  }
  if (who.role === 'expert') {
    if (filter.expertId !== undefined && filter.expertId !== who.subject) throw new ForbiddenError('CONSULTING.OTHER_TENANT', 'An expert sees only their own bookings');
    return { ...filter, expertOrRequester: { expertId: who.subject, organisationId: expertRequesterOrganisation(who.subject) } };
  }
  return filter;
};

export const listBookings = (readers: BookingReaders, who: Principal, filter: BookingListRequest): BookingsPage => readers.bookings.list(scope(who, filter));

/** One booking, if the caller may see it; 404 otherwise, so other tenants' ids do not leak. */
export const visibleBooking = (readers: BookingReaders, who: Principal, interviewId: string): BookingWithPayment => {
  const b = readers.bookings.find(interviewId);
  const visible =
    b &&
    (who.role === 'enterprise'
      ? b.organisationId === who.organisationId
      : who.role === 'expert'
        ? b.expertId === who.subject || b.organisationId === expertRequesterOrganisation(who.subject)
        : true);
  if (!b || !visible) throw new NotFoundError('INTERVIEW.NOT_FOUND', `No interview ${interviewId}`);
  return { ...b, pointsPayment: readers.payments.ofInterview(interviewId) ?? null };
};
