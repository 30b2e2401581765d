import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf, IsNotEmpty } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { ApiProblems, CLOCK, CurrentPrincipal, IDS, Roles, type Clock, type IdSource } from '@hope/platform';
import { applyForCertification } from '../../application/apply-for-certification.use-case';
import { decideCertification } from '../../application/decide-certification.use-case';
import { EXPERTS, type ExpertDeps, type ExpertHandler } from '../../application/registry.handlers';
import { startCertificationReview } from '../../application/start-certification-review.use-case';
import { RegistryQueries, type ExpertView } from '../../projections/registry/registry.queries';
import { ExpertIdParam } from './experts.http.controller';
import { ApiOkResponse } from '@nestjs/swagger';
import { ExpertViewDto } from './experts.response.dto';
import { CERTIFICATION_NOT_APPLIED, CERTIFICATION_NOT_CORE, CERTIFICATION_NOT_IN_REVIEW, CERTIFICATION_PENDING, CERTIFICATION_REASON_REQUIRED, EXPERT_FORGOTTEN, EXPERT_NOT_FOUND, EXPERT_NOT_SELF } from '../matching.problems';

export class CertificationApplicationRequest {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) motivation?: string;
}

export class CertificationDecisionRequest {
  @ApiProperty({ enum: ['certify', 'refuse'] }) @IsIn(['certify', 'refuse']) decision!: 'certify' | 'refuse';
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when refusing' })
  @ValidateIf((o: CertificationDecisionRequest) => o.decision === 'refuse')
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

/** The certification workflow: the expert applies, an operator reviews, then certifies or refuses with a reason. */
@ApiTags('certification')
@ApiBearerAuth()
@Controller('experts/:expertId/certification')
export class CertificationHttpController {
  private readonly deps: ExpertDeps;

  constructor(
    @Inject(EXPERTS) experts: ExpertHandler,
    private readonly queries: RegistryQueries,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {
    this.deps = { experts, clock };
  }

  /** The expert as the read model shows it after the command (the handler waited for it). */
  private view(expertId: string): ExpertView {
    return this.queries.expert(expertId)!;
  }

  @Post('application')
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: 'A core user applies to become a certified technology partner.' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_SELF('apply for their own certification'), EXPERT_NOT_FOUND, EXPERT_FORGOTTEN, CERTIFICATION_NOT_CORE, CERTIFICATION_PENDING)
  async apply(@Param() p: ExpertIdParam, @Body() body: CertificationApplicationRequest, @CurrentPrincipal() who: Principal) {
    const motivation = body.motivation;
    await applyForCertification(this.deps, who, { expertId: p.expertId, ...(motivation !== undefined ? { motivation } : {}) }, { commandId: this.ids.next() });
    return this.view(p.expertId);
  }

  @Post('review')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'An operator takes an application into review.' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_FOUND, EXPERT_FORGOTTEN, CERTIFICATION_NOT_APPLIED)
  async review(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    await startCertificationReview(this.deps, who, { expertId: p.expertId }, { commandId: this.ids.next() });
    return this.view(p.expertId);
  }

  @Post('decision')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'An operator certifies (ExpertCertified is published) or refuses with a reason.' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_FOUND, EXPERT_FORGOTTEN, CERTIFICATION_NOT_IN_REVIEW, CERTIFICATION_REASON_REQUIRED)
  async decide(@Param() p: ExpertIdParam, @Body() body: CertificationDecisionRequest, @CurrentPrincipal() who: Principal) {
    await decideCertification(this.deps, who, { expertId: p.expertId, decision: body.decision, ...(body.reason !== undefined ? { reason: body.reason } : {}) }, { commandId: this.ids.next() });
    return this.view(p.expertId);
  }
}
