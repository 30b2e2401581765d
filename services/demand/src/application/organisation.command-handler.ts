import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { CLOCK, currentCorrelationId, EVENT_STORE, IDS, PROJECTIONS, type Clock, type IdSource } from '@hope/platform';
import type { Actor } from '../domain/actor';
import { organisationDecider, organisationStream, type Organisation, type OrganisationCommand } from '../domain/organisation/organisation.decide';

type CommandOf<T extends OrganisationCommand['type']> = Extract<OrganisationCommand, { type: T }>;

/**
 * Organisation commands (load -> decide -> append), then wait for the membership read model, so a member
 * removed by the call is refused on the very next request. Repeats are no-ops by the decider's own
 * rule (same registration, existing member, absent member), not by command id: a member removed and
 * added again must be added again.
 */
@Injectable()
export class OrganisationCommandHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  /** The resulting state, and whether this call changed anything (a repeat changes nothing). */
  async execute<T extends OrganisationCommand['type']>(organisationId: string, type: T, data: CommandOf<T>['data'], by: Actor, commandId = this.ids.next()): Promise<{ state: Organisation; changed: boolean }> {
    const command = { type, data, metadata: { now: this.clock.now(), by } } as OrganisationCommand;
    const correlationId = currentCorrelationId();
    const result = await handleCommand(this.store, organisationStream(organisationId), organisationDecider, command, { commandId, handler: `organisation.${type}`, ...(correlationId ? { correlationId } : {}) });
    if (result.position) await this.projections.waitFor(result.position);
    return { state: result.state, changed: result.appended > 0 };
  }
}
