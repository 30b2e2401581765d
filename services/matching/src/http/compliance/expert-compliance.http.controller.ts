import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ForbiddenError, NotFoundError, type Principal } from '@hope/kernel';
import { CLOCK, CurrentPrincipal, IDS, Roles, type Clock, type IdSource } from '@hope/platform';
import { assertSelf, assertSelfOrOperator } from '../../application/expert-tenancy';
import { EXPERTS, type ExpertHandler } from '../../application/registry.handlers';
import { conflictsWith, termsStatus } from '../../domain/compliance/compliance';
import type { ExpertCommand } from '../../domain/expert/expert.commands';
import { ComplianceQueries } from '../../projections/compliance/compliance.queries';
import { RegistryQueries, type ExpertView } from '../../projections/registry/registry.queries';
import { ExpertIdParam } from '../experts/experts.http.controller';

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
  @ApiPropertyOptional({ example: '2027-06-30', description: 'Last day is the day before; absent = until lifted' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  until?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class RestrictionParam extends ExpertIdParam {
  @ApiProperty() @IsString() @Length(1, 100) restrictionId!: string;
}

export class ConflictCheckQuery {
  @ApiProperty({ description: 'The organisation the expert would work for' }) @IsString() @Length(1, 100) organisationId!: string;
}

/** An expert's compliance: terms acceptance, employer restrictions, and the conflict check other services call. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('experts/:expertId')
export class ExpertComplianceHttpController {
  constructor(
    @Inject(EXPERTS) private readonly experts: ExpertHandler,
    private readonly queries: RegistryQueries,
    private readonly compliance: ComplianceQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {}

  private async run(command: ExpertCommand): Promise<ExpertView> {
    await this.experts.handle(command.data.expertId, command, { commandId: this.ids.next() });
    return this.queries.expert(command.data.expertId)!;
  }

  @Post('terms-acceptance')
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: 'The expert accepts the current terms (again every year). 422 TERMS.NOT_CURRENT for another version.' })
  acceptTerms(@Param() p: ExpertIdParam, @Body() body: AcceptTermsRequest, @CurrentPrincipal() who: Principal) {
    assertSelf(who, p.expertId);
    // A write decision from a read model: the version in force comes from the compliance projection.
    const current = this.compliance.policy().currentTerms?.version;
    return this.run({ type: 'AcceptTerms', data: { expertId: p.expertId, version: body.version, ...(current !== undefined ? { currentTerms: current } : {}) }, metadata: { now: this.clock.now() } });
  }

  @Post('employer-restrictions')
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Record an employer restriction (the expert declares it, or an operator): a hard filter in ranking and the conflict check.' })
  restrict(@Param() p: ExpertIdParam, @Body() body: EmployerRestrictionRequest, @CurrentPrincipal() who: Principal) {
    assertSelfOrOperator(who, p.expertId);
    const { organisationIds, until, note } = body;
    const restriction = { restrictionId: this.ids.next(), organisationIds, ...(until !== undefined ? { until } : {}), ...(note !== undefined ? { note } : {}) };
    return this.run({ type: 'RecordEmployerRestriction', data: { expertId: p.expertId, restriction, by: who.subject }, metadata: { now: this.clock.now() } });
  }

  @Delete('employer-restrictions/:restrictionId')
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Lift an employer restriction.' })
  lift(@Param() p: RestrictionParam, @CurrentPrincipal() who: Principal) {
    assertSelfOrOperator(who, p.expertId);
    return this.run({ type: 'LiftEmployerRestriction', data: { expertId: p.expertId, restrictionId: p.restrictionId, by: who.subject }, metadata: { now: this.clock.now() } });
  }

  @Get('conflict-check')
  @Roles('service', 'operator', 'enterprise')
  @ApiOperation({
    summary: 'Whether the expert may work for the organisation now: conflict (same current employer, employer restriction, cooling-off) with reasons, and the terms status.',
  })
  conflictCheck(@Param() p: ExpertIdParam, @Query() q: ConflictCheckQuery, @CurrentPrincipal() who: Principal) {
    // An enterprise checks only for itself: it must not learn who is barred from its competitors.
    if (who.role === 'enterprise' && who.organisationId !== q.organisationId) throw new ForbiddenError('CONFLICT_CHECK.NOT_YOURS', 'An enterprise checks conflicts for its own organisation only');
    const expert = this.queries.expert(p.expertId);
    if (!expert) throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${p.expertId}`);
    const now = this.clock.now();
    const policy = this.compliance.policy();
    const reasons = expert.erased ? [] : conflictsWith({ employers: expert.profile.employers ?? [], restrictions: expert.restrictions }, q.organisationId, policy, now);
    const terms = termsStatus(expert.terms, policy, now);
    return {
      expertId: p.expertId,
      organisationId: q.organisationId,
      conflict: reasons.length > 0,
      reasons,
      terms: { status: terms, ...(policy.currentTerms ? { currentVersion: policy.currentTerms.version } : {}), ...(expert.terms ? { accepted: expert.terms } : {}) },
      erased: expert.erased,
      // One flag for a gate: no conflict, terms in order, and someone left to work with.
      cleared: reasons.length === 0 && (terms === 'current' || terms === 'not-required') && !expert.erased,
      checkedAt: now.toISOString(),
    };
  }
}
