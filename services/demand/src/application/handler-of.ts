import type { AggregateDefinition, AggregateHandler } from '@hope/kernel';

/** The handler the platform binds for an aggregate definition (what use cases receive as a dependency). */
export type HandlerOf<D> = D extends AggregateDefinition<infer S, infer C, infer E, infer I> ? AggregateHandler<S, C, E, I> : never;
