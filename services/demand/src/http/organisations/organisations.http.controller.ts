import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ProjectionRunner } from '@hope/eventstore';
import { CurrentPrincipal, ForbiddenError, PROJECTIONS, Roles, type Principal } from '@hope/platform';
import { OrganisationCommandHandler } from '../../application/organisation.command-handler';
import { OrganisationNotFound, type Organisation } from '../../domain/organisation/organisation.decide';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../domain/organisation/organisation.events';
import { organisationDashboard } from '../../projections/dashboard/dashboard.query';
import { findOrganisation, isMember, listOrganisations } from '../../projections/organisations/organisations.projection';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const ID_MESSAGE = 'must be 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit';

export class OrganisationNameBody {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) en?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) zh?: string;
}

export class RegisterOrganisationBody {
  @ApiProperty({ example: 'org-haier' }) @IsString() @Matches(ID, { message: ID_MESSAGE }) organisationId!: string;
  @ApiProperty({ type: OrganisationNameBody }) @ValidateNested() @Type(() => OrganisationNameBody) name!: OrganisationNameBody;
  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS) kind!: OrganisationKind;
}

export class OrganisationIdParam {
  @ApiProperty() @Matches(ID, { message: ID_MESSAGE }) organisationId!: string;
}

export class MemberParam extends OrganisationIdParam {
  @ApiProperty({ description: "The member's token subject." }) @Matches(ID, { message: ID_MESSAGE }) subject!: string;
}

export class ListOrganisationsQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(ID, { message: 'is not a valid cursor' }) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class DashboardQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

const answer = (s: Organisation) => {
  if (s.status === 'none') throw new OrganisationNotFound();
  return { organisationId: s.organisationId, name: s.name, kind: s.kind };
};

/** Operators register organisations and their enterprise members; tenancy rests on these memberships. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsHttpController {
  constructor(
    private readonly organisations: OrganisationCommandHandler,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Register an organisation: 201 the first time, 200 with the same answer when repeated, 409 if the id exists with another name or kind.' })
  async register(@Body() body: RegisterOrganisationBody, @CurrentPrincipal() who: Principal, @Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const name = { ...(body.name.en !== undefined ? { en: body.name.en } : {}), ...(body.name.zh !== undefined ? { zh: body.name.zh } : {}) };
    const r = await this.organisations.execute(body.organisationId, 'RegisterOrganisation', { organisationId: body.organisationId, name, kind: body.kind }, who);
    res.status(r.changed ? 201 : 200);
    return answer(r.state);
  }

  @Put(':organisationId/members/:subject')
  @Roles('operator')
  @ApiOperation({ summary: 'Make a subject an enterprise member of the organisation (idempotent).' })
  async addMember(@Param() p: MemberParam, @CurrentPrincipal() who: Principal) {
    await this.organisations.execute(p.organisationId, 'AddMember', { subject: p.subject }, who);
    return { organisationId: p.organisationId, subject: p.subject, role: 'enterprise' as const };
  }

  @Delete(':organisationId/members/:subject')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Remove a member: refused on its next request (idempotent).' })
  async removeMember(@Param() p: MemberParam, @CurrentPrincipal() who: Principal) {
    await this.organisations.execute(p.organisationId, 'RemoveMember', { subject: p.subject }, who);
    return { organisationId: p.organisationId, subject: p.subject, removed: true };
  }

  @Get()
  @Roles('operator', 'analyst')
  @ApiOperation({ summary: 'Every organisation with its members, by id, cursor-paged.' })
  list(@Query() q: ListOrganisationsQuery) {
    return listOrganisations(this.projections.db, q.limit ?? 50, q.cursor);
  }

  @Get(':organisationId')
  @Roles('operator', 'analyst', 'enterprise')
  @ApiOperation({ summary: 'One organisation with its members: staff, and its own members.' })
  get(@Param() p: OrganisationIdParam, @CurrentPrincipal() who: Principal) {
    return this.readable(p.organisationId, who);
  }

  @Get(':organisationId/dashboard')
  @Roles('operator', 'analyst', 'enterprise')
  @ApiOperation({
    summary:
      "An organisation's demands, newest first, each with its status, clues and plans (per demand and per sub-problem), time to first proposal, " +
      'and the funnel matched -> viewed -> submitted -> shortlisted -> adopted (distinct experts). Staff, and its own members.',
  })
  dashboard(@Param() p: OrganisationIdParam, @Query() q: DashboardQuery, @CurrentPrincipal() who: Principal) {
    this.readable(p.organisationId, who);
    return organisationDashboard(this.projections.db, p.organisationId, q.limit ?? 20, q.cursor);
  }

  /** Staff read every organisation; an enterprise user only those it is a member of (403 otherwise). */
  private readable(organisationId: string, who: Principal) {
    if (who.role === 'enterprise' && !isMember(this.projections.db, organisationId, who.subject)) {
      throw new ForbiddenError('ORGANISATION.NOT_A_MEMBER', `You are not a member of organisation ${organisationId}`);
    }
    const o = findOrganisation(this.projections.db, organisationId);
    if (!o) throw new OrganisationNotFound();
    return o;
  }
}
