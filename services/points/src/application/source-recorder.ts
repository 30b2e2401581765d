import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore } from '@hope/eventstore';
import { EVENT_STORE } from '@hope/platform';
import { sourceDecider, sourceStream, type SourceObservedData } from '../domain/what-if/source-facts';

/** Records each consumed source event once (see source-facts.ts), before it is acted upon. */
@Injectable()
export class SourceRecorder {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async observe(fact: SourceObservedData, correlationId?: string): Promise<void> {
    await handleCommand(this.store, sourceStream(fact.sourceEventId), sourceDecider, { type: 'ObserveSource', data: fact }, {
      commandId: fact.sourceEventId,
      handler: 'points.source.observe',
      ...(correlationId ? { correlationId } : {}),
    });
  }
}
