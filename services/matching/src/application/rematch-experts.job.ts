import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid, type EventStore, type Position, type RecordedEvent } from '@hope/kernel';
import type { ProjectionRunner } from '@hope/eventstore';
import { AggregateHandlers, CLOCK, EVENT_STORE, PROJECTIONS, type Clock, type ScheduledJob } from '@hope/platform';
import { matches } from '../domain/matches/matches.aggregate';
import { OpenDemandsQueries } from '../projections/demands/open-demands.queries';
import { demandQueries } from './demand-published.event-handler';
import { MatchingIndex } from './matching-index';

/** Where the job has got to in the store (its own checkpoint, like the relay's). */
export const REMATCH_CHECKPOINT = 'matching.rematch';
/** Expert events taken per run: each run ranks every open demand once for all of them. */
const EXPERT_EVENTS_PER_RUN = 5_000;
const DEMANDS_PER_PAGE = 200;
/** The profile events that can change who matches: a join, a profile change. */
const EXPERT_EVENT_TYPES = ['ExpertJoined', 'ExpertProfileUpdated'];

/**
 * Re-matching: open demands are matched again when experts join or change their profile. A catch-up
 * over the store's expert events from a checkpoint: per batch, each open demand (and sub-problem) is
 * ranked once with the existing ranking, and where one of the batch's experts is a newcomer in its top
 * N the ranking is recorded and the newcomers invited (the same rule as a revision). Idempotent: the
 * command id derives from the batch's last event and the demand, and the decider invites no one twice,
 * so a crash before the checkpoint is stored only repeats work, never an invitation.
 */
@Injectable()
export class RematchExpertsJob implements ScheduledJob {
  readonly name = 'rematch-experts';
  readonly everyMs = 1_000;
  private readonly matches;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly index: MatchingIndex,
    private readonly openDemands: OpenDemandsQueries,
  ) {
    this.matches = aggregates.for(matches);
  }

  async run(): Promise<void> {
    for (;;) {
      const batch = await this.nextBatch();
      if (batch.length === 0) return;
      const last = batch[batch.length - 1]!;
      // The ranking index reads the registry projection: it must include these experts first.
      await this.projections.waitFor(last.position, 60_000);
      await this.rematch(
        [...new Set(batch.map((e) => (e.data as { expertId: string }).expertId))],
        last.id,
      );
      await this.store.checkpoints.store(REMATCH_CHECKPOINT, last.position);
      if (batch.length < EXPERT_EVENTS_PER_RUN) return;
    }
  }

  private async nextBatch(): Promise<RecordedEvent[]> {
    const from: Position | undefined = await this.store.checkpoints.load(REMATCH_CHECKPOINT);
    const events: RecordedEvent[] = [];
    // fromPosition is inclusive: the checkpointed event itself is skipped.
    for await (const e of this.store.readAll({ fromPosition: from ?? 'start', maxCount: EXPERT_EVENTS_PER_RUN + 1, filter: { eventTypes: EXPERT_EVENT_TYPES } })) {
      if (from && e.position.commit === from.commit && e.position.prepare === from.prepare) continue;
      events.push(e);
      if (events.length >= EXPERT_EVENTS_PER_RUN) break;
    }
    return events;
  }

  private async rematch(expertIds: readonly string[], batchId: string): Promise<void> {
    const candidates = new Set(expertIds);
    const now = this.clock.now();
    for (let cursor: string | undefined, page = this.openDemands.page(undefined, DEMANDS_PER_PAGE); page.length > 0; page = this.openDemands.page(cursor, DEMANDS_PER_PAGE)) {
      for (const demand of page) {
        const rankings = demandQueries(demand, now).map(({ subProblemId, query }) => ({ ...(subProblemId !== undefined ? { subProblemId } : {}), matches: this.index.rank(query).matches }));
        if (!rankings.some((r) => r.matches.some((m) => candidates.has(m.expertId)))) continue;
        // A failure (a conflict that outlasted the retries) fails the run before the checkpoint moves:
        // the next run does the batch again, and demands already re-matched append nothing.
        await this.matches.handle(
          demand.demandId,
          { type: 'RematchExperts', data: { demandId: demand.demandId, sourceEventId: batchId, expertIds, rankings }, metadata: { now } },
          { commandId: deterministicUuid(REMATCH_CHECKPOINT, batchId, demand.demandId) },
          { wait: false },
        );
      }
      cursor = page[page.length - 1]!.demandId;
    }
  }
}
