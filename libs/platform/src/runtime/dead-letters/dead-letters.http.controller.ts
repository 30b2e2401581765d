import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Query } from '../../http/query-params.guard';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { NotFoundError, type Principal } from '@hope/kernel';
import type { IncomingMessage } from '@hope/messaging';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators';
import { CLOCK, IDS, type Clock, type IdSource } from '../../tokens';
import { AggregateHandlers } from '../aggregate-handlers';
import { deadLetters } from './dead-letter.aggregate';
import { replayDeadLetter } from './dead-letter.use-cases';
import { DeadLetterQueries } from './dead-letters.projection';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../../openapi/api-problems.decorator';
import { DeadLetterPage, DeadLetterView } from './dead-letters.response.dto';

/** Runs the service's integration-event handler for a message (bound to its transport at start). */
export const DEAD_LETTER_DISPATCH = Symbol('DEAD_LETTER_DISPATCH');

export class DeadLetterParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  letterId!: string;
}

export class DeadLetterListQuery {
  @ApiPropertyOptional({ enum: ['open', 'replayed'] })
  @IsOptional()
  @IsIn(['open', 'replayed'])
  status?: 'open' | 'replayed';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` of the previous page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  before?: number;
}

/** Messages this service could not apply: seen, explained, and replayed once their cause is fixed. */
@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops/dead-letters')
export class DeadLettersHttpController {
  private readonly letters;

  constructor(
    aggregates: AggregateHandlers,
    private readonly queries: DeadLetterQueries,
    @Inject(DEAD_LETTER_DISPATCH) private readonly dispatch: (message: IncomingMessage) => Promise<void>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {
    this.letters = aggregates.for(deadLetters);
  }

  @Get()
  @Roles('operator', 'analyst', 'service')
  @ApiOperation({ summary: "This service's dead letters, newest first: the event, its type, the error, and whether it was replayed." })
  @ApiOkResponse({ type: DeadLetterPage })
  list(@Query() q: DeadLetterListQuery) {
    return this.queries.list({ limit: q.limit ?? 50, ...(q.status ? { status: q.status } : {}), ...(q.before !== undefined ? { before: q.before } : {}) });
  }

  @Get(':letterId')
  @Roles('operator', 'analyst', 'service')
  @ApiOperation({ summary: 'One dead letter, with the message as it arrived (value and headers).' })
  @ApiOkResponse({ type: DeadLetterView })
  @ApiProblems({ status: 404, code: 'DEAD_LETTER.NOT_FOUND', detail: 'No such dead letter' })
  async get(@Param() p: DeadLetterParams) {
    const state = await this.letters.load(p.letterId);
    if (state.status === 'absent') throw new NotFoundError('DEAD_LETTER.NOT_FOUND', `No dead letter ${p.letterId}`);
    return state;
  }

  @Post(':letterId/replay')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Run the handler again for this message (after fixing its cause). Handlers are idempotent: the effect happens once. 422 with the error if it fails again.' })
  @ApiOkResponse({ type: DeadLetterView })
  @ApiProblems({ status: 404, code: 'DEAD_LETTER.NOT_FOUND', detail: 'No such dead letter' }, { status: 422, code: 'DEAD_LETTER.REPLAY_FAILED', detail: 'The handler failed again: …' })
  async replay(@Param() p: DeadLetterParams, @CurrentPrincipal() who: Principal) {
    const state = await this.letters.load(p.letterId);
    if (state.status === 'absent') throw new NotFoundError('DEAD_LETTER.NOT_FOUND', `No dead letter ${p.letterId}`);
    return replayDeadLetter({ letters: this.letters, dispatch: this.dispatch, now: () => this.clock.now(), newId: () => this.ids.next() }, p.letterId, who.subject);
  }
}
