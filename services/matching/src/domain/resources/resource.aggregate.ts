import { aggregate } from '@hope/kernel';
import { resourceDecider, resourceStream } from './resource.decide';

/** A technology, patent, supplier, institution or lab, `resource-<resourceId>`. Handler names never change: they derive the event ids. */
export const resources = aggregate({
  name: 'matching.resource',
  streamOf: (resourceId: string) => resourceStream(resourceId),
  decider: resourceDecider,
  handlerNames: {
    RegisterResource: 'matching.RegisterResource',
    ImportResource: 'matching.ImportResource',
    ReviseResource: 'matching.ReviseResource',
    WithdrawResource: 'matching.WithdrawResource',
    SendResourceEnquiry: 'matching.SendResourceEnquiry',
  },
});
