import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { ApiProblems, AggregateHandlers, CLOCK, CommandMeta, CurrentPrincipal, Idempotent, Roles, type Clock } from '@hope/platform';
import { demandEvaluations, evaluate, type EvaluateDeps } from '../../application/evaluations/evaluate.use-case';
import { evaluations } from '../../domain/evaluations/evaluation.aggregate';
import { SCORE_MAX, SCORE_MIN, TARGET_KINDS, type Target } from '../../domain/evaluations/evaluation.decide';
import { resourceMatches } from '../../domain/resources/resource-matches.aggregate';
import { DemandIdParam } from '../matches/matches.http.controller';
import { DemandEvaluationsView } from './evaluations.response.dto';
import { DEMAND_NOT_FOUND, DEMAND_NOT_YOURS, DEMAND_NOT_YOURS_EVALUATE, EVALUATION_CLOSED_TARGET, EVALUATION_UNKNOWN_TARGET } from '../matching.problems';

const score = (description: string): PropertyDecorator => (target, key) => {
  ApiProperty({ minimum: SCORE_MIN, maximum: SCORE_MAX, description })(target, key);
  IsInt()(target, key);
  Min(SCORE_MIN)(target, key);
  Max(SCORE_MAX)(target, key);
};

export class ScoresDto {
  @score('New to the field') novelty!: number;
  @score('Can be done with the means at hand') feasibility!: number;
  @score('Affordable (5 = cheapest)') cost!: number;
  @score('Intellectual property is clear and usable') ip!: number;
  @score("Technology readiness fits the demand's need") trlFit!: number;
}

export class TargetDto {
  @ApiProperty({ enum: TARGET_KINDS }) @IsIn(TARGET_KINDS) kind!: Target['kind'];
  @ApiProperty({ maxLength: 100 }) @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, { message: 'must be a proposal or resource id' }) id!: string;
}

export class EvaluateRequest {
  @ApiProperty({ type: TargetDto }) @ValidateNested() @Type(() => TargetDto) target!: TargetDto;
  @ApiProperty({ type: ScoresDto, description: 'Each criterion 1-5' }) @ValidateNested() @Type(() => ScoresDto) scores!: ScoresDto;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @Length(1, 2000) comment?: string;
}

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('demands/:demandId/evaluations')
export class EvaluationsHttpController {
  private readonly deps: EvaluateDeps;

  constructor(aggregates: AggregateHandlers, @Inject(CLOCK) clock: Clock) {
    this.deps = { evaluations: aggregates.for(evaluations), resourceMatches: aggregates.for(resourceMatches), clock };
  }

  @Post()
  @HttpCode(204)
  @Roles('enterprise', 'operator')
  @Idempotent()
  @ApiOperation({ summary: "Score a proposal or a resource (matched with or attached to the demand) on novelty, feasibility, cost, IP and TRL fit: the demand owner's members and operators. A new evaluation by the same person replaces theirs." })
  @ApiNoContentResponse({ description: 'Evaluation recorded (it replaces an earlier one by the same person).' })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_NOT_YOURS_EVALUATE, EVALUATION_UNKNOWN_TARGET, EVALUATION_CLOSED_TARGET)
  async evaluate(@Param() p: DemandIdParam, @Body() body: EvaluateRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<void> {
    const { target, scores, comment } = JSON.parse(JSON.stringify(body)) as EvaluateRequest;
    await evaluate(this.deps, who, { demandId: p.demandId, target, scores, ...(comment !== undefined ? { comment } : {}) }, meta);
  }

  @Get()
  @ApiOkResponse({ type: DemandEvaluationsView, description: 'Per target: per-criterion averages, count, evaluators, comments; best overall first' })
  @Roles('enterprise', 'operator', 'service')
  @ApiOperation({ summary: 'A comparison of the evaluated proposals and resources of a demand: per target the per-criterion averages, the count and the evaluators, best overall first.' })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_NOT_YOURS)
  compare(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal): Promise<DemandEvaluationsView> {
    return demandEvaluations(this.deps, who, p.demandId);
  }
}
