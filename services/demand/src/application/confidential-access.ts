import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { CLOCK, currentCorrelationId, EVENT_STORE, IDS, PROJECTIONS, type Clock, type IdSource } from '@hope/platform';
import type { Actor } from '../domain/actor';
import type { ExistingDemand } from '../domain/demand/demand.state';
import { hasAccepted, ndaDecider, ndaStream, type ConfidentialDemand, type NdaAccess, type NdaCommand } from '../domain/nda/nda.decide';
import type { NdaEvent } from '../domain/nda/nda.events';

type CommandOf<T extends NdaCommand['type']> = Extract<NdaCommand, { type: T }>;
const asConfidential = (d: ExistingDemand): ConfidentialDemand => ({ demandId: d.demandId, organisationId: d.organisationId, visibility: d.content.visibility, status: d.status });

/** Invitations, NDA acceptances and openings of confidential demands (load -> decide -> append). */
@Injectable()
export class ConfidentialAccess {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  async execute<T extends NdaCommand['type']>(demand: ExistingDemand, type: T, data: Omit<CommandOf<T>['data'], 'demand'>, by: Actor, commandId = this.ids.next()): Promise<NdaAccess> {
    const command = { type, data: { ...data, demand: asConfidential(demand) }, metadata: { now: this.clock.now(), by } } as NdaCommand;
    const correlationId = currentCorrelationId();
    const result = await handleCommand(this.store, ndaStream(demand.demandId), ndaDecider, command, { commandId, handler: `nda.${type}`, ...(correlationId ? { correlationId } : {}) });
    if (result.position) await this.projections.waitFor(result.position);
    return result.state;
  }

  async load(demandId: string): Promise<NdaAccess> {
    let state = ndaDecider.initialState;
    for await (const e of this.store.readStream(ndaStream(demandId))) state = ndaDecider.evolve(state, { type: e.type, data: e.data } as NdaEvent);
    return state;
  }

  /** Whether this viewer is an expert who accepted the demand's NDA (only asked for confidential demands). */
  async accepted(d: ExistingDemand, viewer: Actor): Promise<boolean> {
    if (viewer.role !== 'expert' || d.content.visibility !== 'confidential') return false;
    return hasAccepted(await this.load(d.demandId), viewer.subject);
  }

  /** The audit trail: every invitation, acceptance and opening, oldest first. */
  async trail(demandId: string): Promise<{ type: string; at: string; data: unknown }[]> {
    const out: { type: string; at: string; data: unknown }[] = [];
    for await (const e of this.store.readStream(ndaStream(demandId))) out.push({ type: e.type, at: e.recordedAt.toISOString(), data: e.data });
    return out;
  }
}
