import { aggregate } from '@hope/kernel';
import { funnelDecider, funnelStream } from './funnel.decide';

/**
 * A demand's funnel, `funnel-<demandId>`. Each step is handled under its own name (`matching.funnel-viewed`,
 * `-submitted`, ...), as before the kernel: the names derive the event ids and never change.
 */
export const funnels = aggregate({
  name: 'matching.funnel',
  streamOf: (demandId: string) => funnelStream(demandId),
  decider: funnelDecider,
  handlerNames: {
    RecordFunnelStep: (c) => `matching.funnel-${c.data.step}`,
  },
});
