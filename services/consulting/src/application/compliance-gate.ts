import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DomainError, IllegalStateError, type Principal } from '@hope/kernel';
import { AggregateHandlers, CLOCK, PLATFORM_LOGGER, RemoteProblemError, type Clock } from '@hope/platform';
import { calendars } from '../domain/interview/interview.aggregate';
import { awaitsConflictCheck } from '../domain/interview/interview.decide';
import { interviewOf, type Calendar } from '../domain/interview/interview.state';
import { MatchingGateway, type ConflictCheckAnswer } from './matching-gateway';

/** The gate records matching's answer under this actor: the only one the decider accepts it from. */
const MATCHING: Principal = { role: 'service', subject: 'matching' };

/** Matching could not answer: the gate stays closed (never "cleared"), the caller may ask again. */
export class ConflictCheckUnavailable extends DomainError {
  readonly status = 503;
  constructor(interviewId: string, reason: string, options?: { cause?: unknown }) {
    super(
      'INTERVIEW.CONFLICT_CHECK_UNAVAILABLE',
      `The call is not confirmed: matching's conflict check could not be obtained (${reason}). Retry with POST /interviews/${interviewId}/conflict-check.`,
      options,
    );
  }
}

/**
 * The compliance gate's second half: once a call waits only for the conflict check, ask matching and
 * record its answer on the interview (`ConflictCheckRecorded` with reasons; the decider then confirms or
 * fails the gate). A call matching does not clear answers 422; matching unreachable answers 503 and
 * records nothing, so the call stays unconfirmed.
 */
@Injectable()
export class ComplianceGate {
  private readonly calendars;

  constructor(
    aggregates: AggregateHandlers,
    private readonly matching: MatchingGateway,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {
    this.calendars = aggregates.for(calendars);
  }

  /**
   * Runs the check if it is due; does nothing otherwise (already recorded, slot not agreed, no attestation).
   * `known`: the calendar the caller's command just produced, so a command does not fold the stream twice.
   */
  async checkIfDue(expertId: string, interviewId: string, known?: Calendar): Promise<void> {
    const calendar = known ?? (await this.calendars.load(expertId));
    const interview = interviewOf(calendar, interviewId);
    if (!interview || !awaitsConflictCheck(interview)) return;
    const answer = await this.ask(interviewId, expertId, interview.organisationId);
    await this.calendars.handle(
      expertId,
      { type: 'RecordConflictCheck', data: { interviewId, passed: answer.cleared, reasons: answer.reasons }, actor: MATCHING, metadata: { now: this.clock.now() } },
      // One check per call: two requests racing to record it append it once.
      { commandId: `${interviewId}:conflict-check` },
    );
    if (!answer.cleared) {
      throw new IllegalStateError('INTERVIEW.CONFLICT_CHECK_FAILED', `The call cannot be confirmed: matching did not clear the expert (${answer.reasons.map((r) => r.detail).join('; ')})`, {
        status: 422,
      });
    }
  }

  private async ask(interviewId: string, expertId: string, organisationId: string): Promise<ConflictCheckAnswer> {
    try {
      return await this.matching.conflictCheck(expertId, organisationId);
    } catch (error) {
      if (error instanceof RemoteProblemError && error.status === 404) {
        throw new IllegalStateError('INTERVIEW.EXPERT_NOT_REGISTERED', `The call cannot be confirmed: matching has no expert ${expertId} to check`, { status: 422 });
      }
      this.logger.warn({ err: error, interviewId }, 'conflict check unavailable; the call stays unconfirmed');
      throw new ConflictCheckUnavailable(interviewId, error instanceof Error ? error.message : String(error), { cause: error });
    }
  }
}
