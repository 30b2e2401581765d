import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { CLOCK, currentCorrelationId, EVENT_STORE, PROJECTIONS, type Clock } from '@hope/platform';
import { funnelDecider, funnelStream, viewCommandId, type FunnelCommand } from '../domain/funnel/funnel.decide';

/**
 * Records the top of a demand's funnel: the experts matching matched (from its integration events; the
 * command id is the source event's id, so a redelivery appends nothing) and each expert's first opening
 * of the details (command id = demand + expert, so the event id is the same however often they open it).
 */
@Injectable()
export class FunnelRecorder {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  async recordMatches(data: Extract<FunnelCommand, { type: 'RecordMatches' }>['data'], context: { correlationId: string; causationId: string }): Promise<void> {
    await handleCommand(this.store, funnelStream(data.demandId), funnelDecider, { type: 'RecordMatches', data, metadata: { now: this.clock.now() } }, { commandId: data.sourceEventId, handler: 'demand.funnel-matched', ...context });
  }

  async recordView(demandId: string, expertId: string): Promise<void> {
    const correlationId = currentCorrelationId();
    const result = await handleCommand(this.store, funnelStream(demandId), funnelDecider, { type: 'RecordView', data: { demandId, expertId }, metadata: { now: this.clock.now() } }, {
      commandId: viewCommandId(demandId, expertId),
      handler: 'demand.funnel-viewed',
      ...(correlationId ? { correlationId } : {}),
    });
    if (result.position) await this.projections.waitFor(result.position);
  }
}
