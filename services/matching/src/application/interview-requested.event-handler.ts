import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, InterviewRequestedV1 } from '@hope/contracts';
import { AggregateHandlers, CLOCK, type Clock } from '@hope/platform';
import { Inject } from '@nestjs/common';
import { inboxes } from '../domain/inbox/inbox.aggregate';

/** Consulting's InterviewRequested reaches the expert's inbox: recorded once per interview (the event id is the command id). */
@Controller()
export class InterviewRequestedEventHandler {
  private readonly inboxes;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.inboxes = aggregates.for(inboxes);
  }

  @EventPattern('InterviewRequested')
  async onInterviewRequested(@Payload() event: EventEnvelope<InterviewRequestedV1>): Promise<void> {
    const { expertId, interviewId, organisationId, topic, requestedAt, expiresAt } = event.data;
    await this.inboxes.handle(
      expertId,
      { type: 'RecordInterviewRequest', data: { expertId, interviewId, organisationId, topic, requestedAt, expiresAt }, metadata: { now: this.clock.now() } },
      { commandId: event.id, correlationId: event.correlationId, causationId: event.id },
    );
  }
}
