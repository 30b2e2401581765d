import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { ApiProblems, CLOCK, CurrentPrincipal, IDS, IsCalendarDate, Query, Roles, type Clock, type IdSource } from '@hope/platform';
import { acceptTerms, type AcceptTermsDeps } from '../../application/accept-terms.use-case';
import { checkConflict, type CheckConflictDeps } from '../../application/check-conflict.use-case';
import { liftEmployerRestriction } from '../../application/lift-employer-restriction.use-case';
import { recordEmployerRestriction } from '../../application/record-employer-restriction.use-case';
import { MatchingIndex } from '../../application/matching-index';
import { EXPERTS, type ExpertHandler } from '../../application/registry.handlers';
import { ComplianceQueries } from '../../projections/compliance/compliance.queries';
import { RegistryQueries, type ExpertView } from '../../projections/registry/registry.queries';
import { ExpertIdParam } from '../experts/experts.http.controller';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ExpertViewDto } from '../experts/experts.response.dto';
import { ExpertComplianceConflictCheckResponse } from './expert-compliance.response.dto';
import { CONFLICT_CHECK_NOT_YOURS, EXPERT_FORGOTTEN, EXPERT_INVALID_RESTRICTION, EXPERT_NOT_FOUND, EXPERT_NOT_SELF, EXPERT_NOT_YOURS, EXPERT_RESTRICTION_NOT_FOUND, TERMS_NOT_CURRENT } from '../matching.problems';

export class AcceptTermsRequest {
  @ApiProperty({ example: '2026-01', description: 'Must be the current version' }) @IsString() @Length(1, 50) version!: string;
}

export class EmployerRestrictionRequest {
  @ApiProperty({ type: [String], description: 'Organisations the employer forbids consulting for' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  organisationIds!: string[];
  @ApiPropertyOptional({ format: 'date', example: '2027-06-30', description: 'Last day is the day before; absent = until lifted' })
  @IsOptional()
  @IsCalendarDate()
  until?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class RestrictionParam extends ExpertIdParam {
  @ApiProperty() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { message: 'must be a restriction id' }) restrictionId!: string;
}

export class ConflictCheckQuery {
  @ApiProperty({ description: 'The organisation the expert would work for' }) @IsString() @Length(1, 100) organisationId!: string;
}

/** An expert's compliance: terms acceptance, employer restrictions, and the conflict check other services call. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('experts/:expertId')
export class ExpertComplianceHttpController {
  private readonly deps: AcceptTermsDeps & CheckConflictDeps;

  constructor(
    @Inject(EXPERTS) experts: ExpertHandler,
    private readonly queries: RegistryQueries,
    compliance: ComplianceQueries,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    index: MatchingIndex,
  ) {
    this.deps = { experts, registry: queries, compliance, clock, organisationNames: (id) => index.organisationNames(id) };
  }

  /** The expert as the read model shows it after the command (the handler waited for it). */
  private view(expertId: string): ExpertView {
    return this.queries.expert(expertId)!;
  }

  @Post('terms-acceptance')
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: 'The expert accepts the current terms (again every year). 422 TERMS.NOT_CURRENT for another version.' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_SELF('accept the terms for themself'), EXPERT_NOT_FOUND, EXPERT_FORGOTTEN, TERMS_NOT_CURRENT)
  async acceptTerms(@Param() p: ExpertIdParam, @Body() body: AcceptTermsRequest, @CurrentPrincipal() who: Principal) {
    await acceptTerms(this.deps, who, { expertId: p.expertId, version: body.version }, { commandId: this.ids.next() });
    return this.view(p.expertId);
  }

  @Post('employer-restrictions')
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Record an employer restriction (the expert declares it, or an operator): a hard filter in ranking and the conflict check.' })
  @ApiCreatedResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_YOURS('record an employer restriction of'), EXPERT_NOT_FOUND, EXPERT_FORGOTTEN, EXPERT_INVALID_RESTRICTION)
  async restrict(@Param() p: ExpertIdParam, @Body() body: EmployerRestrictionRequest, @CurrentPrincipal() who: Principal) {
    const { organisationIds, until, note } = body;
    const restriction = { restrictionId: this.ids.next(), organisationIds, ...(until !== undefined ? { until } : {}), ...(note !== undefined ? { note } : {}) };
    await recordEmployerRestriction(this.deps, who, { expertId: p.expertId, restriction }, { commandId: this.ids.next() });
    return this.view(p.expertId);
  }

  @Delete('employer-restrictions/:restrictionId')
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Lift an employer restriction.' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_YOURS('lift an employer restriction of'), EXPERT_NOT_FOUND, EXPERT_FORGOTTEN, EXPERT_RESTRICTION_NOT_FOUND)
  async lift(@Param() p: RestrictionParam, @CurrentPrincipal() who: Principal) {
    await liftEmployerRestriction(this.deps, who, { expertId: p.expertId, restrictionId: p.restrictionId }, { commandId: this.ids.next() });
    return this.view(p.expertId);
  }

  @Get('conflict-check')
  @Roles('service', 'operator', 'enterprise')
  @ApiOperation({
    summary: 'Whether the expert may work for the organisation now: conflict (same current employer, employer restriction, cooling-off) with reasons, and the terms status.',
  })
  @ApiOkResponse({ type: ExpertComplianceConflictCheckResponse })
  @ApiProblems(CONFLICT_CHECK_NOT_YOURS, EXPERT_NOT_FOUND)
  conflictCheck(@Param() p: ExpertIdParam, @Query() q: ConflictCheckQuery, @CurrentPrincipal() who: Principal) {
    return checkConflict(this.deps, who, { expertId: p.expertId, organisationId: q.organisationId });
  }
}
