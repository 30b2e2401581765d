import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { NotFoundError, type Principal } from '@hope/kernel';
import { AggregateHandlers, CLOCK, CurrentPrincipal, Roles, type Clock } from '@hope/platform';
import { MatchingIndex } from '../../application/matching-index';
import { matches } from '../../domain/matches/matches.aggregate';
import { scopeKey } from '../../domain/matches/matches.decide';
import { CONFIDENTIALITY, type Confidentiality } from '../../domain/ranking/rank';

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

export class DemandIdParam {
  @ApiProperty() @IsString() @Length(1, 100) demandId!: string;
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
  private readonly demandMatches;

  constructor(
    private readonly index: MatchingIndex,
    aggregates: AggregateHandlers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.demandMatches = aggregates.for(matches);
  }

  @Post('rankings')
  @HttpCode(200)
  @Roles('enterprise', 'operator', 'service')
  @ApiOperation({ summary: 'Rank experts for any text and filters, with explanations. Writes nothing.' })
  rank(@Body() body: RankExpertsRequest, @CurrentPrincipal() who: Principal) {
    // An enterprise's own people are always a conflict for it: it cannot switch the filter off.
    const owner = who.role === 'enterprise' ? who.organisationId : body.ownerOrganisationId;
    const { text, keywords, domain, confidentiality, maxPerOrganisation } = body;
    return this.index.rank({
      text,
      limit: body.limit ?? 20,
      now: this.clock.now(),
      ...(keywords ? { keywords } : {}),
      ...(domain ? { domain } : {}),
      ...(owner ? { ownerOrganisationId: owner } : {}),
      ...(confidentiality ? { confidentiality } : {}),
      ...(maxPerOrganisation ? { maxPerOrganisation } : {}),
    });
  }

  @Get('demands/:demandId/matches')
  @Roles('operator', 'service', 'analyst')
  @ApiOperation({ summary: 'The latest experts matched with a demand (or one of its sub-problems: `subProblemId`), each with its explanation.' })
  async matches(@Param() p: DemandIdParam, @Query() q: DemandMatchesQuery) {
    const state = await this.demandMatches.load(p.demandId);
    const latest = state.latest.get(scopeKey(q.subProblemId));
    if (!latest) {
      const what = q.subProblemId === undefined ? `demand ${p.demandId}` : `sub-problem ${q.subProblemId} of demand ${p.demandId}`;
      throw new NotFoundError('MATCHES.NOT_FOUND', `No matches recorded for ${what}`);
    }
    return latest;
  }
}
