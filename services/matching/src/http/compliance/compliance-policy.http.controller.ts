import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, CurrentPrincipal, IDS, PROJECTIONS, Roles, type Clock, type IdSource, type Principal } from '@hope/platform';
import { RegistryCommands } from '../../application/registry.commands';
import { readPolicy } from '../../projections/compliance/compliance.projection';

export class PublishTermsRequest {
  @ApiProperty({ example: '2026-01', description: 'A new version name; experts must accept it (and again every year)' }) @IsString() @Length(1, 50) version!: string;
}

export class RegisterListedCompanyRequest {
  @ApiProperty() @IsString() @Length(1, 100) organisationId!: string;
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ minimum: 1, maximum: 60, description: 'Months after leaving it during which a former employee may not consult for it' })
  @IsInt()
  @Min(1)
  @Max(60)
  coolingOffMonths!: number;
}

/** The compliance policy operators maintain: the current terms and the listed companies with their cooling-off. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('compliance')
export class CompliancePolicyHttpController {
  constructor(
    private readonly commands: RegistryCommands,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {}

  private view() {
    const p = readPolicy(this.projections.db);
    return { ...(p.currentTerms ? { currentTerms: p.currentTerms } : {}), listedCompanies: [...p.listedCompanies.values()] };
  }

  @Get()
  @Roles('operator', 'enterprise', 'expert', 'analyst', 'service')
  @ApiOperation({ summary: 'The current terms version and the listed companies with their cooling-off periods.' })
  get() {
    return this.view();
  }

  @Post('terms')
  @Roles('operator')
  @ApiOperation({ summary: 'Publish a new terms version: from now on, experts who have not accepted it are not matched.' })
  async publishTerms(@Body() body: PublishTermsRequest, @CurrentPrincipal() who: Principal) {
    const r = await this.commands.policy({ type: 'PublishTerms', data: { version: body.version, by: who.subject }, metadata: { now: this.clock.now() } }, this.ids.next());
    if (r.position) await this.projections.waitFor(r.position);
    return this.view();
  }

  @Post('listed-companies')
  @Roles('operator')
  @ApiOperation({ summary: 'Register (or change) a listed company and its cooling-off period.' })
  async registerListed(@Body() body: RegisterListedCompanyRequest, @CurrentPrincipal() who: Principal) {
    const { organisationId, name, coolingOffMonths } = body;
    const r = await this.commands.policy({ type: 'RegisterListedCompany', data: { organisationId, name, coolingOffMonths, by: who.subject }, metadata: { now: this.clock.now() } }, this.ids.next());
    if (r.position) await this.projections.waitFor(r.position);
    return this.view();
  }
}
