import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, ProjectionRunner } from '@hope/eventstore';
import { AggregateCommands, CLOCK, EVENT_STORE, IDS, PROJECTIONS, type Clock, type IdSource } from '@hope/platform';
import type { Actor } from '../domain/actor';
import type { DemandCommand } from '../domain/demand/demand.commands';
import { demandDecider, demandStream } from '../domain/demand/demand.decide';
import type { DemandEvent } from '../domain/demand/demand.events';
import type { Demand } from '../domain/demand/demand.state';

type CommandOf<T extends DemandCommand['type']> = Extract<DemandCommand, { type: T }>;

/** Demand commands: the time and the actor come in with each command; the rest is AggregateCommands. */
@Injectable()
export class DemandCommandHandler {
  private readonly commands: AggregateCommands<Demand, DemandCommand, DemandEvent>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) projections: ProjectionRunner,
  ) {
    this.commands = new AggregateCommands(store, projections, { name: 'demand', decider: demandDecider, stream: demandStream });
  }

  newId(): string {
    return this.ids.next();
  }

  execute<T extends DemandCommand['type']>(demandId: string, type: T, data: CommandOf<T>['data'], by: Actor, commandId = this.ids.next()): Promise<Demand> {
    return this.commands.execute(demandId, { type, data, metadata: { now: this.clock.now(), by } } as DemandCommand, commandId);
  }

  load(demandId: string): Promise<Demand> {
    return this.commands.load(demandId);
  }
}
