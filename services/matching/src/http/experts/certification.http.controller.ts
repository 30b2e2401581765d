import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf, IsNotEmpty } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { CLOCK, CurrentPrincipal, IDS, Roles, type Clock, type IdSource } from '@hope/platform';
import { assertSelf } from '../../application/expert-tenancy';
import { EXPERTS, type ExpertHandler } from '../../application/registry.handlers';
import type { ExpertCommand } from '../../domain/expert/expert.commands';
import { RegistryQueries, type ExpertView } from '../../projections/registry/registry.queries';
import { ExpertIdParam } from './experts.http.controller';

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
  constructor(
    @Inject(EXPERTS) private readonly experts: ExpertHandler,
    private readonly queries: RegistryQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {}

  private async run(command: ExpertCommand): Promise<ExpertView> {
    await this.experts.handle(command.data.expertId, command, { commandId: this.ids.next() });
    return this.queries.expert(command.data.expertId)!;
  }

  @Post('application')
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: 'A core user applies to become a certified technology partner.' })
  apply(@Param() p: ExpertIdParam, @Body() body: CertificationApplicationRequest, @CurrentPrincipal() who: Principal) {
    assertSelf(who, p.expertId);
    const motivation = body.motivation;
    return this.run({ type: 'ApplyForCertification', data: { expertId: p.expertId, ...(motivation !== undefined ? { motivation } : {}) }, metadata: { now: this.clock.now() } });
  }

  @Post('review')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'An operator takes an application into review.' })
  review(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    return this.run({ type: 'StartCertificationReview', data: { expertId: p.expertId, by: who.subject }, metadata: { now: this.clock.now() } });
  }

  @Post('decision')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'An operator certifies (ExpertCertified is published) or refuses with a reason.' })
  decide(@Param() p: ExpertIdParam, @Body() body: CertificationDecisionRequest, @CurrentPrincipal() who: Principal) {
    const now = this.clock.now();
    return body.decision === 'certify'
      ? this.run({ type: 'CertifyExpert', data: { expertId: p.expertId, by: who.subject }, metadata: { now } })
      : this.run({ type: 'RefuseCertification', data: { expertId: p.expertId, by: who.subject, reason: body.reason ?? '' }, metadata: { now } });
  }
}
