import { aggregate } from '@hope/kernel';
import { ratingsDecider, ratingsStream } from './ratings.decide';

/** An expert's consultation ratings, `ratings-<expertId>`. The handler name never changes: it derives the event ids. */
export const ratings = aggregate({
  name: 'matching.ratings',
  streamOf: (expertId: string) => ratingsStream(expertId),
  decider: ratingsDecider,
  handlerNames: {
    RecordConsultationRating: 'matching.consultation-rated',
  },
});
