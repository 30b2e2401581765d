import { aggregate } from '@hope/kernel';
import { resourceMatchesDecider, resourceMatchesStream } from './resource-matches.decide';

/** The resources matched with or attached to a demand, `resource-matches-<demandId>`. Handler names never change: they derive the event ids. */
export const resourceMatches = aggregate({
  name: 'matching.resource-matches',
  streamOf: (demandId: string) => resourceMatchesStream(demandId),
  decider: resourceMatchesDecider,
  handlerNames: {
    RecordResourceMatches: 'matching.demand-resources-matched',
    AttachResource: 'matching.AttachResource',
  },
});
