import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { ApiProblems, AggregateHandlers, CLOCK, CurrentPrincipal, IDS, Roles, type Clock, type IdSource } from '@hope/platform';
import { publishTerms, type PolicyDeps } from '../../application/publish-terms.use-case';
import { registerListedCompany } from '../../application/register-listed-company.use-case';
import { policy } from '../../domain/compliance/policy.aggregate';
import { ComplianceQueries } from '../../projections/compliance/compliance.queries';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CompliancePolicyGetResponse } from './compliance-policy.response.dto';
import { TERMS_VERSION_EXISTS } from '../matching.problems';

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
  private readonly deps: PolicyDeps;

  constructor(
    aggregates: AggregateHandlers,
    private readonly queries: ComplianceQueries,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {
    this.deps = { policy: aggregates.for(policy), clock };
  }

  private view() {
    const p = this.queries.policy();
    return { ...(p.currentTerms ? { currentTerms: p.currentTerms } : {}), listedCompanies: [...p.listedCompanies.values()] };
  }

  @Get()
  @Roles('operator', 'enterprise', 'expert', 'analyst', 'service')
  @ApiOperation({ summary: 'The current terms version and the listed companies with their cooling-off periods.' })
  @ApiOkResponse({ type: CompliancePolicyGetResponse })
  get() {
    return this.view();
  }

  @Post('terms')
  @Roles('operator')
  @ApiOperation({ summary: 'Publish a new terms version: from now on, experts who have not accepted it are not matched.' })
  @ApiCreatedResponse({ type: CompliancePolicyGetResponse })
  @ApiProblems(TERMS_VERSION_EXISTS)
  async publishTerms(@Body() body: PublishTermsRequest, @CurrentPrincipal() who: Principal) {
    await publishTerms(this.deps, who, { version: body.version }, { commandId: this.ids.next() });
    return this.view();
  }

  @Post('listed-companies')
  @Roles('operator')
  @ApiOperation({ summary: 'Register (or change) a listed company and its cooling-off period.' })
  @ApiCreatedResponse({ type: CompliancePolicyGetResponse })
  async registerListed(@Body() body: RegisterListedCompanyRequest, @CurrentPrincipal() who: Principal) {
    const { organisationId, name, coolingOffMonths } = body;
    await registerListedCompany(this.deps, who, { organisationId, name, coolingOffMonths }, { commandId: this.ids.next() });
    return this.view();
  }
}
