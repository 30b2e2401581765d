import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, MeetingWaitListPromotedV1 } from '@hope/contracts';
import { AggregateHandlers, CLOCK, type Clock } from '@hope/platform';
import { inboxes } from '../domain/inbox/inbox.aggregate';

/**
 * Consulting's MeetingWaitListPromoted reaches the expert's inbox: a seat of a meeting they waited for is
 * theirs. Recorded once: the event id is the command id (a redelivery is a duplicate), and the inbox
 * records each promotion once.
 */
@Controller()
export class MeetingWaitListPromotedEventHandler {
  private readonly inboxes;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.inboxes = aggregates.for(inboxes);
  }

  @EventPattern('MeetingWaitListPromoted')
  async onPromoted(@Payload() event: EventEnvelope<MeetingWaitListPromotedV1>): Promise<void> {
    const { expertId, meetingId, kind, title, startsAt, promotedAt } = event.data;
    await this.inboxes.handle(
      expertId,
      { type: 'RecordMeetingPromotion', data: { expertId, meetingId, meetingKind: kind, title, startsAt, promotedAt }, metadata: { now: this.clock.now() } },
      { commandId: event.id, correlationId: event.correlationId, causationId: event.id },
    );
  }
}
