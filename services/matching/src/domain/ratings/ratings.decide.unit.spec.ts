import { DeciderSpecification } from '@hope/kernel/testing';
import { InvalidRating, ratingsDecider, type RatingsCommand, type RatingsEvent } from './ratings.decide';

const rating = { expertId: 'e1', bookingId: 'b1', organisationId: 'org-x', score: 5, ratedAt: '2026-06-01T00:00:00.000Z' };
const rate = (data: Partial<RatingsCommand['data']> = {}): RatingsCommand => ({ type: 'RecordConsultationRating', data: { ...rating, ...data } });
const recorded = (data: Partial<RatingsEvent['data']> = {}): RatingsEvent => ({ type: 'ConsultationRatingRecorded', data: { ...rating, ...data } });

describe('consultation ratings of an expert', () => {
  const spec = DeciderSpecification.for(ratingsDecider);

  it('given nothing, when a booking is rated, then the rating is recorded', () => {
    spec.given([]).when(rate()).then([recorded()]);
  });

  it('given a rated booking, when it is rated again (another delivery, even with another score), then nothing happens', () => {
    spec.given([recorded()]).when(rate({ score: 1 })).thenNothingHappened();
  });

  it('given a rated booking, when another booking is rated, then it counts', () => {
    spec.given([recorded()]).when(rate({ bookingId: 'b2', score: 4 })).then([recorded({ bookingId: 'b2', score: 4 })]);
  });

  it('refuses a score outside 1..5', () => {
    spec.given([]).when(rate({ score: 6 })).thenThrows(InvalidRating);
  });
});
