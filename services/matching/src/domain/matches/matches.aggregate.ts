import { aggregate } from '@hope/kernel';
import { matchesDecider, matchesStream } from './matches.decide';

/** A demand's rankings and invitations, `matches-<demandId>`. The handler name never changes: it derives the event ids. */
export const matches = aggregate({
  name: 'matching.matches',
  streamOf: (demandId: string) => matchesStream(demandId),
  decider: matchesDecider,
  handlerNames: {
    RecordMatches: 'matching.demand-matched',
    RecordNdaAcceptance: 'matching.demand-nda-accepted',
    RematchExperts: 'matching.experts-rematched',
    CloseDemandMatching: 'matching.demand-matching-closed',
    InviteMatchedExpert: 'matching.matched-expert-invited',
  },
});
