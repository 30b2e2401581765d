import { aggregate } from '@hope/kernel';
import { ndaDecider, ndaStream } from './nda.decide';

/** Who may read a confidential demand (keyed by the demand id). Handler names feed the event ids: they never change. */
export const ndas = aggregate({
  name: 'demand.nda',
  streamOf: ndaStream,
  decider: ndaDecider,
  handlerNames: {
    InviteExperts: 'nda.InviteExperts',
    AcceptNda: 'nda.AcceptNda',
    OpenConfidentialDetails: 'nda.OpenConfidentialDetails',
  },
});
