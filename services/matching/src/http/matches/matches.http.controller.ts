import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import type { CommandMeta as Meta, Principal } from '@hope/kernel';
import { AggregateHandlers, ApiProblems, CLOCK, CommandMeta, CurrentPrincipal, Idempotent, Query, Roles, type Clock } from '@hope/platform';
import { ExpertIdParam } from '../experts/experts.http.controller';
import { inviteMatchedExpert, matchesSeenBy, type DemandOwnerDeps } from '../../application/demand-owner-matches.use-case';
import { MatchingIndex } from '../../application/matching-index';
import { rankExperts, type RankExpertsDeps } from '../../application/rank-experts.use-case';
import { matches } from '../../domain/matches/matches.aggregate';
import { CONFIDENTIALITY, type Confidentiality } from '../../domain/ranking/rank';
import { ApiOkResponse } from '@nestjs/swagger';
import { MatchedInvitationView, MatchesMatchesResponse, RankingView } from './matches.response.dto';
import { MATCHES_NOT_FOUND, MATCHES_NOT_MATCHED, MATCHES_NOT_YOUR_DEMAND } from '../matching.problems';

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

export class InviteMatchedExpertRequest extends ExpertIdParam {}

@ApiTags('matching')
@ApiBearerAuth()
@Controller()
export class MatchesHttpController {
  private readonly ranking: RankExpertsDeps;
  private readonly recorded: DemandOwnerDeps;

  constructor(index: MatchingIndex, aggregates: AggregateHandlers, @Inject(CLOCK) clock: Clock) {
    this.ranking = { index, clock };
    this.recorded = { matches: aggregates.for(matches), clock };
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
  @Roles('operator', 'service', 'analyst', 'enterprise')
  @ApiOperation({
    summary: 'The latest experts matched with a demand (or one of its sub-problems: `subProblemId`), each with its explanation.',
    description: 'Staff, and members of the organisation that owns the demand; others get 403 MATCHES.NOT_YOUR_DEMAND.',
  })
  @ApiOkResponse({ type: MatchesMatchesResponse })
  @ApiProblems(MATCHES_NOT_YOUR_DEMAND('see its matches'), MATCHES_NOT_FOUND)
  matches(@Param() p: DemandIdParam, @Query() q: DemandMatchesQuery, @CurrentPrincipal() who: Principal) {
    return matchesSeenBy(this.recorded, who, { demandId: p.demandId, ...(q.subProblemId !== undefined ? { subProblemId: q.subProblemId } : {}) });
  }

  @Post('demands/:demandId/matched-invitations')
  @ApiOkResponse({ type: MatchedInvitationView, description: 'The invitation (newlyInvited: false when it was there already)' })
  @HttpCode(200)
  @Roles('enterprise', 'operator')
  @Idempotent()
  @ApiOperation({
    summary: 'Invite one of the experts matched with the demand (its inbox shows it). Members of the owning organisation and operators.',
    description: '422 MATCHES.NOT_MATCHED for an expert not in the latest ranking of the demand or a sub-problem; inviting again records nothing (newlyInvited: false).',
  })
  @ApiProblems(MATCHES_NOT_YOUR_DEMAND('invite its matched experts'), MATCHES_NOT_MATCHED)
  invite(@Param() p: DemandIdParam, @Body() body: InviteMatchedExpertRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: Meta): Promise<MatchedInvitationView> {
    return inviteMatchedExpert(this.recorded, who, { demandId: p.demandId, expertId: body.expertId }, meta);
  }
}
