import type { Client } from 'openapi-fetch';
import type * as consulting from './generated/consulting';
import type * as demand from './generated/demand';
import type * as matching from './generated/matching';
import type * as points from './generated/points';
import { hopeClient, type HopeClientOptions } from './hope-client';

export { hopeClient, CORRELATION_HEADER, type HopeClientOptions, type TokenSource } from './hope-client';
export type { consulting, demand, matching, points };

/** The generated types of every service: `Schemas<'points'>['Balance']`. */
export interface ServiceApis {
  demand: { paths: demand.paths; schemas: demand.components['schemas'] };
  matching: { paths: matching.paths; schemas: matching.components['schemas'] };
  consulting: { paths: consulting.paths; schemas: consulting.components['schemas'] };
  points: { paths: points.paths; schemas: points.components['schemas'] };
}
export type ServiceName = keyof ServiceApis;
export type Schemas<S extends ServiceName> = ServiceApis[S]['schemas'];
export type ServiceClient<S extends ServiceName> = Client<ServiceApis[S]['paths']>;

export const demandClient = (options: HopeClientOptions): ServiceClient<'demand'> => hopeClient<demand.paths>(options);
export const matchingClient = (options: HopeClientOptions): ServiceClient<'matching'> => hopeClient<matching.paths>(options);
export const consultingClient = (options: HopeClientOptions): ServiceClient<'consulting'> => hopeClient<consulting.paths>(options);
export const pointsClient = (options: HopeClientOptions): ServiceClient<'points'> => hopeClient<points.paths>(options);
