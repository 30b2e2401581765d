import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsNotIn, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AggregateHandlers, ApiProblems, CLOCK, CurrentPrincipal, Idempotent, Roles, type Clock, type Principal } from '@hope/platform';
import { adjustPoints, type AdjustPointsDeps } from '../../application/adjust-points.use-case';
import { accounts } from '../../domain/account/account.aggregate';
import { RulebookQueries } from '../../projections/rulebook/rulebook.queries';
import { ExpertIdParam } from '../account-access';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { AdjustmentsAdjustResponse } from './adjustments.response.dto';

export class AdjustRequest {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client: a retry with the same id is a no-op.' })
  @IsUUID()
  adjustmentId!: string;

  @ApiProperty({ description: 'Positive grants, negative revokes.', minimum: -100_000, maximum: 100_000 })
  @IsInt()
  @Min(-100_000)
  @Max(100_000)
  @IsNotIn([0], { message: 'must not be 0' })
  points!: number;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

@ApiTags('adjustments')
@ApiBearerAuth()
@Controller('accounts/:expertId/adjustments')
export class AdjustmentsHttpController {
  private readonly deps: AdjustPointsDeps;

  constructor(aggregates: AggregateHandlers, rules: RulebookQueries, @Inject(CLOCK) clock: Clock) {
    this.deps = { accounts: aggregates.for(accounts), rules, clock };
  }

  @Post()
  @HttpCode(201)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: "An operator grants or revokes points by hand, with a reason; recorded with the operator's identity." })
  @ApiCreatedResponse({ type: AdjustmentsAdjustResponse })
  @ApiProblems({ status: 409, code: 'POINTS.ADJUSTMENT_ID_REUSED', detail: 'The adjustment id 3f2b8c1e-0d4a-4e8b-9f6a-2c7d1e5b9a40 was already used for a different request' })
  adjust(@Param() { expertId }: ExpertIdParam, @Body() body: AdjustRequest, @CurrentPrincipal() who: Principal) {
    return adjustPoints(this.deps, { who, expertId, adjustmentId: body.adjustmentId, points: body.points, reason: body.reason });
  }
}
