import type { Clock, ServiceClient } from '@hope/platform';
import type { demands } from '../../domain/demand/demand.aggregate';
import type { needs } from '../../domain/need/need.aggregate';
import type { HandlerOf } from '../handler-of';

/** What the need saga works with: its aggregate, the demands it lists paid needs as, the clock, and the points service it calls. */
export interface NeedDeps {
  readonly needs: HandlerOf<typeof needs>;
  readonly demands: HandlerOf<typeof demands>;
  readonly clock: Clock;
  readonly points: Pick<ServiceClient, 'call'>;
}

/** The injection token the service module binds NeedDeps to. */
export const NEED_DEPS = Symbol('NEED_DEPS');
