import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { CLOCK, currentCorrelationId, EVENT_STORE, IDS, PROJECTIONS, type Clock, type IdSource } from '@hope/platform';
import type { Actor } from '../domain/actor';
import type { DemandCommand } from '../domain/demand/demand.commands';
import { demandDecider, demandStream } from '../domain/demand/demand.decide';
import type { DemandEvent } from '../domain/demand/demand.events';
import type { Demand } from '../domain/demand/demand.state';

type CommandOf<T extends DemandCommand['type']> = Extract<DemandCommand, { type: T }>;

/** Load -> decide -> append for demands, then wait for the read models so the caller reads its write. */
@Injectable()
export class DemandCommandHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  newId(): string {
    return this.ids.next();
  }

  async execute<T extends DemandCommand['type']>(demandId: string, type: T, data: CommandOf<T>['data'], by: Actor, commandId = this.ids.next()): Promise<Demand> {
    const command = { type, data, metadata: { now: this.clock.now(), by } } as DemandCommand;
    const correlationId = currentCorrelationId();
    const result = await handleCommand(this.store, demandStream(demandId), demandDecider, command, {
      commandId,
      handler: `demand.${type}`,
      ...(correlationId ? { correlationId } : {}),
    });
    if (result.position) await this.projections.waitFor(result.position);
    return result.state;
  }

  async load(demandId: string): Promise<Demand> {
    let state = demandDecider.initialState;
    for await (const e of this.store.readStream(demandStream(demandId))) state = demandDecider.evolve(state, { type: e.type, data: e.data } as DemandEvent);
    return state;
  }
}
