import type { Clock } from '@hope/platform';
import type { organisations } from '../../domain/organisation/organisation.aggregate';
import type { HandlerOf } from '../handler-of';

export interface OrganisationDeps {
  readonly organisations: HandlerOf<typeof organisations>;
  readonly clock: Clock;
}

/** The injection token the service module binds OrganisationDeps to. */
export const ORGANISATION_DEPS = Symbol('ORGANISATION_DEPS');
