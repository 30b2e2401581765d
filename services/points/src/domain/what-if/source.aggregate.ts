import { aggregate } from '@hope/kernel';
import { sourceDecider, sourceStream } from './source-facts';

/** A consumed source event, recorded once (`source-<eventId>`) for what-if. */
export const sources = aggregate({
  name: 'points.source',
  streamOf: (sourceEventId: string) => sourceStream(sourceEventId),
  decider: sourceDecider,
  handlerNames: { ObserveSource: 'points.source.observe' },
});
