import { aggregate } from '@hope/kernel';
import { funnelDecider, funnelStream } from './funnel.decide';

/** The top of a demand's funnel (keyed by the demand id). Handler names feed the event ids: they never change. */
export const funnels = aggregate({
  name: 'demand.funnel',
  streamOf: funnelStream,
  decider: funnelDecider,
  handlerNames: {
    RecordMatches: 'demand.funnel-matched',
    RecordView: 'demand.funnel-viewed',
  },
});
