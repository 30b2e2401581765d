import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, ExpertsMatchedV1 } from '@hope/contracts';
import { DEMAND_DEPS, type DemandDeps } from '../application/demands/demand.deps';
import { recordMatches } from '../application/funnel/record-matches.use-case';

/** Matching's `ExpertsMatched` (hope.matching.events) fills the "matched" stage of the enterprise dashboard's funnel. */
@Controller()
export class ExpertsMatchedEventHandler {
  constructor(@Inject(DEMAND_DEPS) private readonly deps: DemandDeps) {}

  @EventPattern('ExpertsMatched')
  async onExpertsMatched(@Payload() e: EventEnvelope<ExpertsMatchedV1>): Promise<void> {
    const { demandId, subProblemId, matches, matchedAt } = e.data;
    await recordMatches(
      this.deps,
      { demandId, ...(subProblemId !== undefined ? { subProblemId } : {}), expertIds: matches.map((m) => m.expertId), matchedAt, sourceEventId: e.id },
      { correlationId: e.correlationId, causationId: e.id },
    );
  }
}
