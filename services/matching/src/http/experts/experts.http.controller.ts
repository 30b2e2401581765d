import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NotFoundError, type Principal } from '@hope/kernel';
import { AggregateHandlers, ApiProblems, BAD_CURSOR_PROBLEM, CLOCK, CommandMeta, CurrentPrincipal, Idempotent, IDS, PagingCursorParam, Query, Roles, withTaggedCursor, type Clock, type IdSource } from '@hope/platform';
import { EXPERTS_CURSOR } from '../paging-cursors';
import { expertSeenBy, type PublicExpertView } from '../../application/expert-view';
import { ExpertTextIndex } from '../../application/expert-text-index';
import { searchExperts } from '../../application/search-experts.use-case';
import { PersonalDataCipher } from '../../application/personal-data/personal-data-cipher';
import { joinExpert, type JoinExpertDeps } from '../../application/join-expert.use-case';
import { promoteExpert } from '../../application/promote-expert.use-case';
import { updateProfile } from '../../application/update-profile.use-case';
import { EXPERTS, type ExpertHandler } from '../../application/registry.handlers';
import { TIERS, type Tier } from '../../domain/expert/expert.events';
import type { Profile, ProfileChanges } from '../../domain/expert/profile';
import { invitations } from '../../domain/invitation/invitation.aggregate';
import { RegistryQueries, type ExpertView } from '../../projections/registry/registry.queries';
import { JoinRequest, ProfileChangesRequest } from './profile.request.dto';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ExpertViewDto, ExpertsGetResponse, ExpertsSearchResponse } from './experts.response.dto';
import { EXPERT_ALREADY_CORE, EXPERT_ALREADY_JOINED, EXPERT_FORGOTTEN, EXPERT_INVALID_PROFILE, EXPERT_NOT_FOUND, EXPERT_NOT_YOURS, INVITATION_UNKNOWN_CODE, INVITATION_USED } from '../matching.problems';

/** An expert id names streams (`expert-<id>`): starts with a letter or digit, so `..` and dot-files never do. */
export const EXPERT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/;

export class ExpertIdParam {
  @ApiProperty({ pattern: EXPERT_ID.source }) @Matches(EXPERT_ID, { message: 'must be 1-100 letters, digits or ._:@-, starting with a letter or digit' }) expertId!: string;
}

export class SearchExpertsQuery {
  @ApiPropertyOptional({ description: 'Words the profile contains (all of them, any order)' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) domain?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) skill?: string;
  @ApiPropertyOptional({ enum: TIERS }) @IsOptional() @IsIn(TIERS) tier?: Tier;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;
  @PagingCursorParam() cursor?: string;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** DTO instances may carry own `undefined` properties; events store plain data. */
const plain = <T>(dto: object): T => JSON.parse(JSON.stringify(dto)) as T;

@ApiTags('experts')
@ApiBearerAuth()
@Controller('experts')
export class ExpertsHttpController {
  private readonly deps: JoinExpertDeps;

  constructor(
    @Inject(EXPERTS) experts: ExpertHandler,
    aggregates: AggregateHandlers,
    private readonly queries: RegistryQueries,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    cipher: PersonalDataCipher,
    private readonly text: ExpertTextIndex,
  ) {
    this.deps = { experts, invitations: aggregates.for(invitations), registry: queries, clock, keys: cipher };
  }

  /** The expert as the read model shows it (the command handlers waited for it to include their writes). */
  private view(expertId: string): ExpertView {
    const view = this.queries.expert(expertId);
    if (!view) throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${expertId}`);
    return view;
  }

  @Post()
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Join as an expert (the caller is the expert), optionally with an invitation code.' })
  @ApiCreatedResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_INVALID_PROFILE, EXPERT_ALREADY_JOINED, EXPERT_FORGOTTEN, INVITATION_UNKNOWN_CODE, INVITATION_USED)
  async join(@Body() body: JoinRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<ExpertView> {
    const { invitationCode, ...profile } = plain<JoinRequest>(body);
    await joinExpert(this.deps, { expertId: who.subject, profile: profile as Profile, ...(invitationCode !== undefined ? { invitationId: invitationCode } : {}) }, meta);
    return this.view(who.subject);
  }

  @Get()
  @Roles('operator', 'enterprise', 'expert', 'analyst', 'service')
  @ApiOperation({
    summary:
      'Search experts by text (every word, any order, Chinese or English, in name, bio, expertise, skills, domains, certifications), domain, skill, tier, region; cursor paging by expert id. Others than the expert and staff get the public fields only.',
  })
  @ApiOkResponse({ type: ExpertsSearchResponse })
  @ApiProblems(BAD_CURSOR_PROBLEM)
  search(@Query() query: SearchExpertsQuery, @CurrentPrincipal() who: Principal) {
    const { limit, cursor, ...rest } = plain<SearchExpertsQuery>(query);
    const after = cursor !== undefined ? { cursor: EXPERTS_CURSOR.decode(cursor) } : {};
    const page = withTaggedCursor(EXPERTS_CURSOR, searchExperts({ registry: this.queries, text: this.text }, { ...rest, ...after, limit: limit ?? 20 }));
    return { ...page, items: page.items.map((v) => expertSeenBy(v, who)) };
  }

  @Get(':expertId')
  @Roles('operator', 'enterprise', 'expert', 'analyst', 'service')
  @ApiOperation({ summary: "An expert's profile, tier and certification status: all of it for the expert, operators and services, the public fields for others." })
  @ApiOkResponse({ type: ExpertsGetResponse })
  @ApiProblems(EXPERT_NOT_FOUND)
  get(@Param() params: ExpertIdParam, @CurrentPrincipal() who: Principal): ExpertView | PublicExpertView {
    return expertSeenBy(this.view(params.expertId), who);
  }

  @Patch(':expertId')
  @Roles('expert', 'operator')
  @ApiOperation({ summary: 'Change profile fields (absent = unchanged). Experts change only their own profile.' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_YOURS('change the profile of'), EXPERT_NOT_FOUND, EXPERT_FORGOTTEN, EXPERT_INVALID_PROFILE)
  async update(@Param() params: ExpertIdParam, @Body() body: ProfileChangesRequest, @CurrentPrincipal() who: Principal): Promise<ExpertView> {
    await updateProfile(this.deps, who, { expertId: params.expertId, changes: plain<ProfileChanges>(body) }, { commandId: this.ids.next() });
    return this.view(params.expertId);
  }

  @Post(':expertId/promotion')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Promote a user of interest to core user.' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiProblems(EXPERT_NOT_FOUND, EXPERT_FORGOTTEN, EXPERT_ALREADY_CORE)
  async promote(@Param() params: ExpertIdParam, @CurrentPrincipal() who: Principal): Promise<ExpertView> {
    await promoteExpert(this.deps, who, { expertId: params.expertId }, { commandId: this.ids.next() });
    return this.view(params.expertId);
  }
}
