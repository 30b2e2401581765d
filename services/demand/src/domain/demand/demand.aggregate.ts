import { aggregate } from '@hope/kernel';
import { demandDecider, demandStream } from './demand.decide';

/** A technical demand. Handler names feed the event ids: they never change once events were written. */
export const demands = aggregate({
  name: 'demand.demand',
  streamOf: demandStream,
  decider: demandDecider,
  handlerNames: {
    DraftDemand: 'demand.DraftDemand',
    EditDraft: 'demand.EditDraft',
    SubmitForReview: 'demand.SubmitForReview',
    PublishDemand: 'demand.PublishDemand',
    RejectDemand: 'demand.RejectDemand',
    ReviseDemand: 'demand.ReviseDemand',
    CloseDemand: 'demand.CloseDemand',
    CancelDemand: 'demand.CancelDemand',
    ExpireDemand: 'demand.ExpireDemand',
    ListNeed: 'demand.ListNeed',
  },
});
