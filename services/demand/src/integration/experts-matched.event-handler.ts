import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, ExpertsMatchedV1 } from '@hope/contracts';
import { FunnelRecorder } from '../application/funnel-recorder';

/** Matching's `ExpertsMatched` (hope.matching.events) fills the "matched" stage of the enterprise dashboard's funnel. */
@Controller()
export class ExpertsMatchedEventHandler {
  constructor(private readonly funnel: FunnelRecorder) {}

  @EventPattern('ExpertsMatched')
  async onExpertsMatched(@Payload() e: EventEnvelope<ExpertsMatchedV1>): Promise<void> {
    const { demandId, subProblemId, matches, matchedAt } = e.data;
    await this.funnel.recordMatches(
      { demandId, ...(subProblemId !== undefined ? { subProblemId } : {}), expertIds: matches.map((m) => m.expertId), matchedAt, sourceEventId: e.id },
      { correlationId: e.correlationId, causationId: e.id },
    );
  }
}
