import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, ProbeSentV1 } from '@hope/contracts';
import type { IntegrationEventContext } from '@hope/messaging';
import { CLOCK, type Clock } from '../../tokens';
import { AggregateHandlers } from '../aggregate-handlers';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';
import { probeAggregate } from './probe.decide';

@Controller()
export class ProbeEventHandler {
  private readonly probes;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly self: ServiceIdentity,
  ) {
    this.probes = aggregates.for(probeAggregate(self.name));
  }

  @EventPattern('ProbeSent')
  async onProbeSent(@Payload() event: EventEnvelope<ProbeSentV1>, @Ctx() _ctx: IntegrationEventContext): Promise<void> {
    if (event.data.from === this.self.name) return;
    await this.probes.handle(
      event.data.probeId,
      { type: 'RecordProbeReceipt', data: { probeId: event.data.probeId, from: event.data.from, sourceEventId: event.id }, metadata: { now: this.clock.now() } },
      { commandId: event.id, correlationId: event.correlationId, causationId: event.id },
      { wait: false },
    );
  }
}
