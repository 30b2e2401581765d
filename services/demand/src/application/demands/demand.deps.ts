import type { Clock } from '@hope/platform';
import type { demands } from '../../domain/demand/demand.aggregate';
import type { funnels } from '../../domain/funnel/funnel.aggregate';
import type { ndas } from '../../domain/nda/nda.aggregate';
import type { HandlerOf } from '../handler-of';

/** What the demand use cases work with: the aggregates' handlers and the clock (time comes in with each command). */
export interface DemandDeps {
  readonly demands: HandlerOf<typeof demands>;
  readonly ndas: HandlerOf<typeof ndas>;
  readonly funnels: HandlerOf<typeof funnels>;
  readonly clock: Clock;
}

/** The injection token the service module binds DemandDeps to. */
export const DEMAND_DEPS = Symbol('DEMAND_DEPS');
