import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, ProbeSentV1 } from '@hope/contracts';
import { handleCommand, type EventStore } from '@hope/eventstore';
import type { IntegrationEventContext } from '@hope/messaging';
import { CLOCK, EVENT_STORE, type Clock } from '../../tokens';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';
import { probeDecider, probeStream } from './probe.decide';

@Controller()
export class ProbeEventHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly self: ServiceIdentity,
  ) {}

  @EventPattern('ProbeSent')
  async onProbeSent(@Payload() event: EventEnvelope<ProbeSentV1>, @Ctx() _ctx: IntegrationEventContext): Promise<void> {
    if (event.data.from === this.self.name) return;
    await handleCommand(
      this.store,
      probeStream(event.data.probeId),
      probeDecider,
      { type: 'RecordProbeReceipt', data: { probeId: event.data.probeId, from: event.data.from, sourceEventId: event.id }, metadata: { now: this.clock.now() } },
      { commandId: event.id, handler: `${this.self.name}.probe-receipt`, correlationId: event.correlationId, causationId: event.id },
    );
  }
}
