import { ValidationError } from '@hope/kernel';

/**
 * Enterprises' ratings of an expert's consultations, kept per expert (`ratings-<expertId>`): one per
 * booking, whatever number of times the rating is delivered. The ranking reads them through the
 * track record as a Bayesian average (see `ratingValue` in ranking/rank.ts).
 */
export type RatingsEvent = {
  type: 'ConsultationRatingRecorded';
  data: { expertId: string; bookingId: string; organisationId: string; score: number; ratedAt: string };
};

export type RatingsCommand = {
  type: 'RecordConsultationRating';
  data: { expertId: string; bookingId: string; organisationId: string; score: number; ratedAt: string };
};

export interface Ratings {
  readonly bookings: ReadonlySet<string>;
}

export const initialState: Ratings = { bookings: new Set() };

export class InvalidRating extends ValidationError {
  constructor(score: number) {
    super('RATING.INVALID', `A rating is a whole number of stars from 1 to 5, not ${score}`, [{ field: 'score', reason: 'must be an integer from 1 to 5' }]);
  }
}

/** A booking is rated once by its enterprise: a second rating of it (a redelivery, a replayed export) records nothing. */
export const decide = (cmd: RatingsCommand, s: Ratings): RatingsEvent[] => {
  const { score, bookingId } = cmd.data;
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new InvalidRating(score);
  if (s.bookings.has(bookingId)) return [];
  return [{ type: 'ConsultationRatingRecorded', data: { ...cmd.data } }];
};

export const evolve = (s: Ratings, e: RatingsEvent): Ratings =>
  e.type === 'ConsultationRatingRecorded' ? { bookings: new Set([...s.bookings, e.data.bookingId]) } : s;

export const ratingsDecider = { decide, evolve, initialState };
export const ratingsStream = (expertId: string): string => `ratings-${expertId}`;
