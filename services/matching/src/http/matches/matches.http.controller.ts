import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { AggregateHandlers, CLOCK, CurrentPrincipal, Roles, type Clock } from '@hope/platform';
import { demandMatches } from '../../application/demand-matches.use-case';
import { MatchingIndex } from '../../application/matching-index';
import { rankExperts, type RankExpertsDeps } from '../../application/rank-experts.use-case';
import { matches } from '../../domain/matches/matches.aggregate';
import { CONFIDENTIALITY, type Confidentiality } from '../../domain/ranking/rank';
import { ApiOkResponse } from '@nestjs/swagger';
import { MatchesMatchesResponse, RankingView } from './matches.response.dto';

export class RankExpertsRequest {
  @ApiProperty({ maxLength: 4000, description: 'Demand or sub-problem text, Chinese and/or English' }) @IsString() @Length(1, 4000) text!: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) keywords?: string[];
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) domain?: string;
  @ApiPropertyOptional({ description: 'Operators may rank for an owner organisation; an enterprise always ranks for its own' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ownerOrganisationId?: string;
  @ApiPropertyOptional({ enum: CONFIDENTIALITY, default: 'public' }) @IsOptional() @IsIn(CONFIDENTIALITY) confidentiality?: Confidentiality;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) maxPerOrganisation?: number;
}

/** A demand id names streams here (`matches-<id>`, `funnel-<id>`): letters, digits and `_.:-`, never a path. */
export const DEMAND_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export class DemandIdParam {
  @ApiProperty({ pattern: DEMAND_ID.source }) @Matches(DEMAND_ID, { message: 'must be a demand id (letters, digits, _.:-, at most 64)' }) demandId!: string;
}

export class DemandMatchesQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'A sub-problem of the demand; without it, the demand as a whole' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  subProblemId?: string;
}

@ApiTags('matching')
@ApiBearerAuth()
@Controller()
export class MatchesHttpController {
  private readonly ranking: RankExpertsDeps;
  private readonly recorded;

  constructor(index: MatchingIndex, aggregates: AggregateHandlers, @Inject(CLOCK) clock: Clock) {
    this.ranking = { index, clock };
    this.recorded = { matches: aggregates.for(matches) };
  }

  @Post('rankings')
  @HttpCode(200)
  @Roles('enterprise', 'operator', 'service')
  @ApiOperation({ summary: 'Rank experts for any text and filters, with explanations. Writes nothing.' })
  @ApiOkResponse({ type: RankingView })
  rank(@Body() body: RankExpertsRequest, @CurrentPrincipal() who: Principal) {
    return rankExperts(this.ranking, who, body);
  }

  @Get('demands/:demandId/matches')
  @Roles('operator', 'service', 'analyst')
  @ApiOperation({ summary: 'The latest experts matched with a demand (or one of its sub-problems: `subProblemId`), each with its explanation.' })
  @ApiOkResponse({ type: MatchesMatchesResponse })
  matches(@Param() p: DemandIdParam, @Query() q: DemandMatchesQuery) {
    return demandMatches(this.recorded, { demandId: p.demandId, ...(q.subProblemId !== undefined ? { subProblemId: q.subProblemId } : {}) });
  }
}
