import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DemandCancelledV1, DemandClosedV1, DemandExpiredV1, EventEnvelope } from '@hope/contracts';
import { AggregateHandlers, CLOCK, type Clock } from '@hope/platform';
import { matches } from '../domain/matches/matches.aggregate';

/** A demand closed, expired or cancelled is no longer open: experts who join later are not matched with it. */
@Controller()
export class DemandEndedEventHandler {
  private readonly matches;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.matches = aggregates.for(matches);
  }

  @EventPattern('DemandClosed')
  onClosed(@Payload() event: EventEnvelope<DemandClosedV1>): Promise<void> {
    return this.close(event, 'closed');
  }

  @EventPattern('DemandExpired')
  onExpired(@Payload() event: EventEnvelope<DemandExpiredV1>): Promise<void> {
    return this.close(event, 'expired');
  }

  @EventPattern('DemandCancelled')
  onCancelled(@Payload() event: EventEnvelope<DemandCancelledV1>): Promise<void> {
    return this.close(event, 'cancelled');
  }

  private async close(event: EventEnvelope<{ demandId: string }>, reason: 'closed' | 'expired' | 'cancelled'): Promise<void> {
    const { demandId } = event.data;
    // Waits for the read models (the open-demands list drops it before the offset moves on).
    await this.matches.handle(
      demandId,
      { type: 'CloseDemandMatching', data: { demandId, reason }, metadata: { now: this.clock.now() } },
      { commandId: event.id, correlationId: event.correlationId, causationId: event.id },
    );
  }
}
