import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { type AggregateHandler, comparePositions, type AggregateDefinition, type DomainEvent, type EventStore, type Position } from '@hope/kernel';
import { currentCorrelationId } from '../logging/request-context';
import { EVENT_STORE, PROJECTIONS } from '../tokens';
import { TracedAggregateHandler } from '../tracing/traced-aggregate-handler';

/**
 * The platform's binding of the kernel's aggregate handler: one handler per aggregate definition in
 * this service, on the service's store, stamping the request's (or message's) correlation id and trace context (a span per command), and
 * waiting for the read models after an append (read-your-writes) unless the caller says `wait: false`.
 * A command answered from its aggregate's state (`wait: 'next-read'`) does not wait; instead the next
 * read this process answers waits for it (`readsSeeAnsweredWrites`, run before every HTTP GET), so a
 * client that reads after the answer still sees its write.
 */
@Injectable()
export class AggregateHandlers {
  private readonly handlers = new Map<AggregateDefinition<never, never, never, never>, AggregateHandler<never, never, never, never>>();
  /** The furthest position of a command answered before the read models included it. */
  private answeredAhead: Position | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  for<State, Command extends { type: string }, Event extends DomainEvent, Id>(definition: AggregateDefinition<State, Command, Event, Id>): AggregateHandler<State, Command, Event, Id> {
    const key = definition as unknown as AggregateDefinition<never, never, never, never>;
    let handler = this.handlers.get(key);
    if (!handler) {
      handler = new TracedAggregateHandler(this.store, definition, {
        correlation: currentCorrelationId,
        afterAppend: (position) => this.projections.waitFor(position),
        answeredAhead: (position) => {
          if (!this.answeredAhead || comparePositions(position, this.answeredAhead) > 0) this.answeredAhead = position;
        },
      }) as unknown as AggregateHandler<never, never, never, never>;
      this.handlers.set(key, handler);
    }
    return handler as unknown as AggregateHandler<State, Command, Event, Id>;
  }

  /**
   * Resolves once this service's read models include `position` (an append's), within `timeoutMs`: for a
   * long-running write (a bulk import) that answers only when everything it recorded is visible.
   */
  readModelsInclude(position: Position, timeoutMs?: number): Promise<void> {
    return this.projections.waitFor(position, timeoutMs);
  }

  /** Resolves once the read models include every command this process answered ahead of them (at once when they do). */
  async readsSeeAnsweredWrites(): Promise<void> {
    await this.answeredWritesToSee();
  }

  /**
   * What a read must wait for before it sees every command answered ahead of the read models: undefined
   * when they include them all (the usual case, decided without a promise), else a promise of that.
   */
  answeredWritesToSee(): Promise<void> | undefined {
    const ahead = this.answeredAhead;
    if (!ahead) return undefined;
    const forget = () => {
      if (this.answeredAhead === ahead) this.answeredAhead = undefined;
    };
    if (this.projections.behind(ahead).length === 0) return void forget();
    return this.projections.waitFor(ahead).then(forget);
  }
}
