import type { ModuleMetadata, Type } from '@nestjs/common';
import type { ServiceName } from '@hope/contracts';
import type { SqlProjection } from '@hope/eventstore';
import { contractTranslator, type ContractMapper, type IntegrationTranslator } from '@hope/messaging';
import type { ScheduledJob } from './scheduled-jobs';

/** What a service tells the runtime about itself; the runtime does the wiring. */
export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly defaultPort: number;
  readonly title: string;
  readonly description: string;
  /** The service's own feature modules. */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
  /** Topics whose integration events this service handles with `@EventPattern`. */
  readonly consumes: readonly string[];
  /**
   * Maps the service's recorded domain events to the contracts it publishes (undefined = private); the
   * runtime builds the envelopes and publishes events appended already marked as integration events.
   */
  readonly publishes?: ContractMapper;
  /** Read models fed from the service's store; kept in `<DATA_DIR>/<service>.projections.sqlite`. */
  readonly projections?: readonly SqlProjection[];
  /** Providers of the service's modules that time triggers; one replica runs each at a time. */
  readonly jobs?: readonly Type<ScheduledJob>[];
  /**
   * Decide tenancy from membership: consume demand's organisation and member events into this
   * service's own store and refuse an enterprise caller that is not a current member of the
   * organisation its token names (and an expert whose subject is shaped like an organisation's).
   */
  readonly tenancy?: boolean;
}

/** What the service's relay publishes: its contracts, and events appended already marked as integration events. */
export const translatorOf = (definition: Pick<ServiceDefinition, 'publishes'>): IntegrationTranslator => contractTranslator(definition.publishes);
