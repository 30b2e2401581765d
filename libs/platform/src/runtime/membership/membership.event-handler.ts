import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, MemberAddedV1, MemberRemovedV1, OrganisationRegisteredV1 } from '@hope/contracts';
import { CLOCK, type Clock } from '../../tokens';
import { AggregateHandlers } from '../aggregate-handlers';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';
import { membershipAggregate, type MembershipFact } from './membership.decide';

/**
 * Records demand's membership facts in this service's own store. The command id is the source event's
 * id, so a redelivery is a kernel duplicate and records nothing twice.
 */
@Controller()
export class MembershipEventHandler {
  private readonly memberships;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) self: ServiceIdentity,
  ) {
    this.memberships = aggregates.for(membershipAggregate(self.name));
  }

  @EventPattern('OrganisationRegistered')
  async onRegistered(@Payload() e: EventEnvelope<OrganisationRegisteredV1>): Promise<void> {
    await this.record(e, e.data.organisationId, { kind: 'registered' });
  }

  @EventPattern('MemberAdded')
  async onAdded(@Payload() e: EventEnvelope<MemberAddedV1>): Promise<void> {
    await this.record(e, e.data.organisationId, { kind: 'added', subject: e.data.subject });
  }

  @EventPattern('MemberRemoved')
  async onRemoved(@Payload() e: EventEnvelope<MemberRemovedV1>): Promise<void> {
    await this.record(e, e.data.organisationId, { kind: 'removed', subject: e.data.subject });
  }

  private async record(e: EventEnvelope, organisationId: string, fact: MembershipFact): Promise<void> {
    await this.memberships.handle(
      organisationId,
      { type: 'RecordMembershipFact', data: { organisationId, fact, sourceEventId: e.id, ...(e.revision !== undefined ? { sourceRevision: e.revision } : {}), at: this.clock.now().toISOString() } },
      { commandId: e.id, correlationId: e.correlationId, causationId: e.id },
    );
  }
}
