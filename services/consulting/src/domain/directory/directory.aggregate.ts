import { aggregate, type AggregateHandler } from '@hope/kernel';
import {
  demandDirectoryDecider,
  expertDirectoryDecider,
  knownDemandStream,
  knownExpertStream,
  type DemandDirectoryCommand,
  type DemandDirectoryEvent,
  type ExpertDirectoryCommand,
  type ExpertDirectoryEvent,
  type Known,
} from './directory.decide';

/** Experts consulting knows of, keyed by expert id. Handler names feed the event ids: they never change. */
export const knownExperts = aggregate({
  name: 'consulting.known-expert',
  streamOf: knownExpertStream,
  decider: expertDirectoryDecider,
  handlerNames: { NoteExpert: 'consulting.expert-known' },
});

/** Demands consulting knows of, keyed by demand id. */
export const knownDemands = aggregate({
  name: 'consulting.known-demand',
  streamOf: knownDemandStream,
  decider: demandDirectoryDecider,
  handlerNames: { NoteDemand: 'consulting.demand-known' },
});

export type KnownExpertsHandler = AggregateHandler<Known, ExpertDirectoryCommand, ExpertDirectoryEvent>;
export type KnownDemandsHandler = AggregateHandler<Known, DemandDirectoryCommand, DemandDirectoryEvent>;
