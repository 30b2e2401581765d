import type { AnyAggregate } from '@hope/kernel';
import { demands } from './domain/demand/demand.aggregate';
import { funnels } from './domain/funnel/funnel.aggregate';
import { ndas } from './domain/nda/nda.aggregate';
import { needs } from './domain/need/need.aggregate';
import { organisations } from './domain/organisation/organisation.aggregate';
import { proposals } from './domain/proposal/proposal.aggregate';
import { questionThreads } from './domain/questions/questions.aggregate';

export { demandService } from './demand.service';

/** Every aggregate the service writes (the id-stability replay handles recorded commands through them). */
export const demandAggregates: readonly AnyAggregate[] = [organisations, demands, proposals, questionThreads, ndas, funnels, needs];
