import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { ApiProblems, CommandMeta, CurrentPrincipal, cursorCodec, Idempotent, IDS, isStringKey, PagingCursorParam, Query, Roles, withTaggedCursor, type IdSource } from '@hope/platform';
import { changeMembership } from '../../application/organisations/change-membership.use-case';
import { ORGANISATION_DEPS, type OrganisationDeps } from '../../application/organisations/organisation.deps';
import { readDashboard, readOrganisation } from '../../application/organisations/read-organisation.use-case';
import { registerOrganisation } from '../../application/organisations/register-organisation.use-case';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../domain/organisation/organisation.events';
import { DashboardQueries } from '../../projections/dashboard/dashboard.queries';
import { OrganisationQueries } from '../../projections/organisations/organisations.queries';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { OrganisationView, OrganisationsAddMemberResponse, OrganisationsDashboardResponse, OrganisationsListResponse, OrganisationsRegisterResponse, OrganisationsRemoveMemberResponse } from './organisations.response.dto';
import { BAD_CURSOR, ORGANISATION_ALREADY_EXISTS, ORGANISATION_NO_NAME, ORGANISATION_NOT_FOUND } from '../demand.problems';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const ID_MESSAGE = 'must be 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit';

/** The list pages by organisation id; the read model takes the raw id, the caller gets it in the platform's tagged cursor. */
const ORGANISATIONS_CURSOR = cursorCodec('organisations', 1, isStringKey);

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
  @PagingCursorParam() cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class DashboardQuery {
  @PagingCursorParam() cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** Operators register organisations and their enterprise members; tenancy rests on these memberships. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsHttpController {
  constructor(
    @Inject(ORGANISATION_DEPS) private readonly deps: OrganisationDeps,
    @Inject(IDS) private readonly ids: IdSource,
    private readonly organisationList: OrganisationQueries,
    private readonly dashboards: DashboardQueries,
  ) {}

  private meta(): CommandMeta {
    return { commandId: this.ids.next() };
  }

  @Post()
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Register an organisation: 201 the first time, 200 with the same answer when repeated, 409 if the id exists with another name or kind.' })
  @ApiCreatedResponse({ type: OrganisationsRegisterResponse, description: 'Registered.' })
  @ApiOkResponse({ type: OrganisationsRegisterResponse, description: 'Registered before with the same name and kind: the same answer, nothing recorded.' })
  @ApiProblems(ORGANISATION_NO_NAME, ORGANISATION_ALREADY_EXISTS)
  async register(@Body() body: RegisterOrganisationBody, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta, @Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const name = { ...(body.name.en !== undefined ? { en: body.name.en } : {}), ...(body.name.zh !== undefined ? { zh: body.name.zh } : {}) };
    const r = await registerOrganisation(this.deps, { organisationId: body.organisationId, name, kind: body.kind, by: who }, meta);
    res.status(r.created ? 201 : 200);
    return r.organisation;
  }

  @Put(':organisationId/members/:subject')
  @Roles('operator')
  @ApiOperation({ summary: 'Make a subject an enterprise member of the organisation (idempotent).' })
  @ApiOkResponse({ type: OrganisationsAddMemberResponse })
  @ApiProblems(ORGANISATION_NOT_FOUND)
  async addMember(@Param() p: MemberParam, @CurrentPrincipal() who: Principal) {
    await changeMembership(this.deps, { organisationId: p.organisationId, subject: p.subject, change: 'AddMember', by: who }, this.meta());
    return { organisationId: p.organisationId, subject: p.subject, role: 'enterprise' as const };
  }

  @Delete(':organisationId/members/:subject')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Remove a member: refused on its next request (idempotent).' })
  @ApiOkResponse({ type: OrganisationsRemoveMemberResponse })
  @ApiProblems(ORGANISATION_NOT_FOUND)
  async removeMember(@Param() p: MemberParam, @CurrentPrincipal() who: Principal) {
    await changeMembership(this.deps, { organisationId: p.organisationId, subject: p.subject, change: 'RemoveMember', by: who }, this.meta());
    return { organisationId: p.organisationId, subject: p.subject, removed: true };
  }

  @Get()
  @Roles('operator', 'analyst')
  @ApiOperation({ summary: 'Every organisation with its members, by id, cursor-paged.' })
  @ApiOkResponse({ type: OrganisationsListResponse })
  @ApiProblems(BAD_CURSOR)
  list(@Query() q: ListOrganisationsQuery) {
    return withTaggedCursor(ORGANISATIONS_CURSOR, this.organisationList.list(q.limit ?? 50, q.cursor !== undefined ? ORGANISATIONS_CURSOR.decode(q.cursor) : undefined));
  }

  @Get(':organisationId')
  @Roles('operator', 'analyst', 'enterprise')
  @ApiOperation({ summary: 'One organisation with its members: staff, and its own members.' })
  @ApiOkResponse({ type: OrganisationView })
  @ApiProblems(ORGANISATION_NOT_FOUND)
  get(@Param() p: OrganisationIdParam, @CurrentPrincipal() who: Principal) {
    return readOrganisation({ organisationList: this.organisationList }, { organisationId: p.organisationId, by: who });
  }

  @Get(':organisationId/dashboard')
  @Roles('operator', 'analyst', 'enterprise')
  @ApiOperation({
    summary:
      "An organisation's demands, newest first, each with its status, clues and plans (per demand and per sub-problem), time to first proposal, " +
      'and the funnel matched -> viewed -> submitted -> shortlisted -> adopted (distinct experts). Staff, and its own members.',
  })
  @ApiOkResponse({ type: OrganisationsDashboardResponse })
  @ApiProblems(ORGANISATION_NOT_FOUND, BAD_CURSOR)
  dashboard(@Param() p: OrganisationIdParam, @Query() q: DashboardQuery, @CurrentPrincipal() who: Principal) {
    return readDashboard({ organisationList: this.organisationList, dashboard: this.dashboards }, { organisationId: p.organisationId, by: who, limit: q.limit ?? 20, ...(q.cursor ? { cursor: q.cursor } : {}) });
  }
}
