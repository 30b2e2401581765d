import { aggregate } from '@hope/kernel';
import { RULEBOOK_STREAM, rulebookDecider } from './rulebook.decide';

/** The service's one rule book (`rulebook-points`): its id is the service name, the stream is fixed. */
export const RULEBOOK_ID = 'points';

export const rulebooks = aggregate({
  name: 'points.rulebook',
  streamOf: (_id: string) => RULEBOOK_STREAM,
  decider: rulebookDecider,
  handlerNames: { ChangeRules: 'points.rules.change', ChangeCatalogue: 'points.catalogue.change' },
});
