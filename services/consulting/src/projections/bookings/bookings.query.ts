import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { ForbiddenError, NotFoundError, PROJECTIONS, ValidationError, type Principal } from '@hope/platform';
import { expertRequesterOrganisation } from '../../domain/interview/interview.decide';
import { PAYMENT_SELECT, toPayment, type PaymentRow } from '../payments/payments.projection';
import { BOOKINGS_SELECT, toBooking, type BookingRow } from './bookings.projection';

export interface BookingFilter {
  expertId?: string;
  organisationId?: string;
  status?: string;
  limit?: number;
  cursor?: string;
  /** An expert's own calls: those they give and those they booked with a peer. */
  expertOrRequester?: string;
}

const encodeCursor = (r: BookingRow) => Buffer.from(JSON.stringify([r.requested_at, r.interview_id])).toString('base64url');
const decodeCursor = (cursor: string): [string, string] => {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('REQUEST.INVALID', 'cursor is not one this API issued', [{ field: 'cursor', reason: 'must be a nextCursor from a previous page' }]);
};

/**
 * Tenancy lives here, server-side: an enterprise only ever reads its organisation's bookings, an
 * expert their own, operators/analysts/services all of them.
 */
@Injectable()
export class BookingsQuery {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionRunner) {}

  private scope(who: Principal, filter: BookingFilter): BookingFilter {
    if (who.role === 'enterprise') {
      if (filter.organisationId !== undefined && filter.organisationId !== who.organisationId) throw new ForbiddenError('CONSULTING.OTHER_TENANT', 'An enterprise sees only its own bookings');
      return { ...filter, organisationId: who.organisationId ?? '\u0000' };
    }
    if (who.role === 'expert') {
      if (filter.expertId !== undefined && filter.expertId !== who.subject) throw new ForbiddenError('CONSULTING.OTHER_TENANT', 'An expert sees only their own bookings');
      return { ...filter, expertOrRequester: who.subject };
    }
    return filter;
  }

  list(who: Principal, requested: BookingFilter) {
    const f = this.scope(who, requested);
    const where: string[] = [];
    const args: Record<string, string | number> = { limit: (f.limit ?? 50) + 1 };
    for (const [column, value] of [['expert_id', f.expertId], ['organisation_id', f.organisationId], ['status', f.status]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = @${column}`);
      args[column] = value;
    }
    if (f.expertOrRequester !== undefined) {
      where.push('(expert_id = @me OR organisation_id = @meAsRequester)');
      Object.assign(args, { me: f.expertOrRequester, meAsRequester: expertRequesterOrganisation(f.expertOrRequester) });
    }
    if (f.cursor !== undefined) {
      const [at, id] = decodeCursor(f.cursor);
      where.push('(requested_at, interview_id) > (@at, @id)');
      Object.assign(args, { at, id });
    }
    const rows = this.projections.db
      .prepare<Record<string, string | number>, BookingRow>(
        `${BOOKINGS_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY requested_at, interview_id LIMIT @limit`,
      )
      .all(args);
    const page = rows.slice(0, f.limit ?? 50);
    const last = page[page.length - 1];
    return { items: page.map(toBooking), nextCursor: rows.length > page.length && last ? encodeCursor(last) : null };
  }

  row(interviewId: string): BookingRow | undefined {
    return this.projections.db.prepare<[string], BookingRow>(`${BOOKINGS_SELECT} WHERE interview_id = ?`).get(interviewId);
  }

  /** One booking, if the caller may see it; 404 otherwise, so other tenants' ids do not leak. */
  get(who: Principal, interviewId: string) {
    const r = this.row(interviewId);
    const visible =
      r &&
      (who.role === 'enterprise'
        ? r.organisation_id === who.organisationId
        : who.role === 'expert'
          ? r.expert_id === who.subject || r.organisation_id === expertRequesterOrganisation(who.subject)
          : true);
    if (!r || !visible) throw new NotFoundError('INTERVIEW.NOT_FOUND', `No interview ${interviewId}`);
    const payment = this.projections.db.prepare<[string], PaymentRow>(`${PAYMENT_SELECT} WHERE p.interview_id = ?`).get(interviewId);
    return { ...toBooking(r), pointsPayment: payment ? toPayment(payment) : null };
  }
}
