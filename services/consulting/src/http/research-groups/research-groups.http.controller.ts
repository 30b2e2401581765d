import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AggregateHandlers, ApiProblems, CLOCK, CommandMeta, CurrentPrincipal, IDS, Idempotent, Roles, type Clock, type IdSource, type Principal, type ProblemSpec } from '@hope/platform';
import { changeResearchGroup } from '../../application/research-groups/change-research-group.use-case';
import { formResearchGroup } from '../../application/research-groups/form-research-group.use-case';
import { visibleGroup, visibleGroups, type ResearchGroupDeps } from '../../application/research-groups/research-group-deps';
import { knownDemands, knownExperts } from '../../domain/directory/directory.aggregate';
import { researchGroups } from '../../domain/research-group/research-group.aggregate';
import { ResearchGroupsQueries } from '../../projections/research-groups/research-groups.queries';
import { AddMemberRequest, CloseResearchGroupRequest, FormResearchGroupRequest, GroupIdParam, MemberParams, MilestoneParams, NoteRequest, PlanMilestoneRequest } from './research-groups.request.dto';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { GroupSeenView, ResearchGroupsListResponse, ResearchGroupsPlanResponse } from './research-groups.response.dto';

// The problems most research-group operations answer, with the detail the code writes (docs/decisions/0034).
const GROUP_NOT_FOUND: ProblemSpec = { status: 404, code: 'RESEARCH_GROUP.NOT_FOUND', detail: 'No research group 7c9e6679-7425-40de-944b-e07fc1f90ae7' };
const GROUP_CLOSED: ProblemSpec = { status: 409, code: 'RESEARCH_GROUP.CLOSED', detail: 'The research group is closed' };

const ALL_ROLES = ['enterprise', 'expert', 'operator', 'analyst', 'service'] as const;

/** Tenancy: the sponsoring enterprise and the group's (past) members see a group; staff all. */
@ApiTags('research-groups')
@ApiBearerAuth()
@Controller('research-groups')
export class ResearchGroupsHttpController {
  private readonly deps: ResearchGroupDeps;

  constructor(aggregates: AggregateHandlers, groupViews: ResearchGroupsQueries, @Inject(CLOCK) clock: Clock, @Inject(IDS) ids: IdSource) {
    this.deps = { groups: aggregates.for(researchGroups), groupViews, known: { experts: aggregates.for(knownExperts), demands: aggregates.for(knownDemands) }, clock, ids };
  }

  @Post()
  @Roles('operator', 'enterprise')
  @Idempotent()
  @ApiOperation({ summary: 'Form a virtual research group: several experts around a topic or demand for a period, with a lead expert.' })
  @ApiCreatedResponse({ type: GroupSeenView })
  @ApiProblems(
    { status: 400, code: 'REQUEST.INVALID', detail: 'endsAt must be after startsAt', fields: [{ field: 'endsAt', reason: 'must be after startsAt' }] },
    { status: 403, code: 'CONSULTING.OTHER_TENANT', detail: 'An enterprise forms research groups for its own organisation only' },
    { status: 403, code: 'CONSULTING.NOT_A_PARTY', detail: 'Only a party to this booking (or an operator) may form a research group (operators, or the sponsoring enterprise)' },
    { status: 422, code: 'CONSULTING.UNKNOWN_EXPERT', detail: 'Unknown memberIds.0: is not an expert consulting knows', fields: [{ field: 'memberIds.0', reason: 'is not an expert consulting knows' }] },
    { status: 422, code: 'CONSULTING.UNKNOWN_DEMAND', detail: 'Unknown demandId: is not a demand consulting knows', fields: [{ field: 'demandId', reason: 'is not a demand consulting knows' }] },
  )
  form(@Body() b: FormResearchGroupRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta) {
    const { title, topic, leadExpertId, startsAt, endsAt } = b;
    return formResearchGroup(this.deps, who, { title, topic, demandId: b.demandId ?? null, ...(b.organisationId ? { organisationId: b.organisationId } : {}), leadExpertId, memberIds: b.memberIds ?? [], startsAt, endsAt }, meta);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "The research groups the caller may see: its sponsor's, its members', all for staff." })
  @ApiOkResponse({ type: ResearchGroupsListResponse })
  list(@CurrentPrincipal() who: Principal) {
    return visibleGroups(this.deps.groupViews, who);
  }

  @Get(':groupId')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One research group with its members and milestones.' })
  @ApiOkResponse({ type: GroupSeenView })
  @ApiProblems(GROUP_NOT_FOUND)
  get(@Param() p: GroupIdParam, @CurrentPrincipal() who: Principal) {
    return visibleGroup(this.deps.groupViews, who, p.groupId);
  }

  @Post(':groupId/members')
  @HttpCode(200)
  @Roles('operator', 'enterprise', 'expert')
  @Idempotent()
  @ApiOperation({ summary: 'Add an expert to the group (lead, sponsor or an operator).' })
  @ApiOkResponse({ type: GroupSeenView })
  @ApiProblems(
    GROUP_NOT_FOUND,
    { status: 403, code: 'CONSULTING.NOT_A_PARTY', detail: 'Only a party to this booking (or an operator) may add members (the lead, the sponsor or an operator)' },
    { status: 409, code: 'RESEARCH_GROUP.FULL', detail: 'A group has at most 12 experts' },
    GROUP_CLOSED,
    { status: 422, code: 'CONSULTING.UNKNOWN_EXPERT', detail: 'Unknown expertId: is not an expert consulting knows', fields: [{ field: 'expertId', reason: 'is not an expert consulting knows' }] },
  )
  add(@Param() p: GroupIdParam, @Body() b: AddMemberRequest, @CurrentPrincipal() who: Principal) {
    return changeResearchGroup(this.deps, who, p.groupId, { type: 'AddMember', data: { expertId: b.expertId } });
  }

  @Delete(':groupId/members/:expertId')
  @HttpCode(200)
  @Roles('operator', 'enterprise', 'expert')
  @ApiOperation({ summary: 'A member leaves (or is removed by the lead, sponsor or an operator); the lead stays until closure.' })
  @ApiOkResponse({ type: GroupSeenView })
  @ApiProblems(
    GROUP_NOT_FOUND,
    { status: 403, code: 'CONSULTING.NOT_A_PARTY', detail: 'Only a party to this booking (or an operator) may remove a member (the member, the lead, the sponsor or an operator)' },
    { status: 409, code: 'RESEARCH_GROUP.NOT_A_MEMBER', detail: 'expert-7 is not a member' },
    { status: 409, code: 'RESEARCH_GROUP.LEAD_STAYS', detail: 'The lead expert stays until the group closes' },
  )
  remove(@Param() p: MemberParams, @CurrentPrincipal() who: Principal) {
    return changeResearchGroup(this.deps, who, p.groupId, { type: 'RemoveMember', data: { expertId: p.expertId, reason: null } });
  }

  @Post(':groupId/milestones')
  @Roles('operator', 'enterprise', 'expert')
  @Idempotent()
  @ApiOperation({ summary: 'Plan a milestone with a due date; answers its id.' })
  @ApiCreatedResponse({ type: ResearchGroupsPlanResponse })
  @ApiProblems(
    GROUP_NOT_FOUND,
    { status: 403, code: 'CONSULTING.NOT_A_PARTY', detail: 'Only a party to this booking (or an operator) may plan milestones (the lead, the sponsor or an operator)' },
    GROUP_CLOSED,
    { status: 409, code: 'RESEARCH_GROUP.TOO_MANY_MILESTONES', detail: 'At most 20 milestones' },
    { status: 400, code: 'REQUEST.INVALID', detail: "dueAt must fall within the group's period (2030-03-01T00:00:00.000Z to 2030-09-01T00:00:00.000Z)", fields: [{ field: 'dueAt', reason: "must fall within the group's period (2030-03-01T00:00:00.000Z to 2030-09-01T00:00:00.000Z)" }] },
  )
  async plan(@Param() p: GroupIdParam, @Body() b: PlanMilestoneRequest, @CurrentPrincipal() who: Principal) {
    const milestoneId = this.deps.ids.next();
    return { milestoneId, ...(await changeResearchGroup(this.deps, who, p.groupId, { type: 'PlanMilestone', data: { milestoneId, title: b.title, dueAt: b.dueAt } })) };
  }

  @Post(':groupId/milestones/:milestoneId/reached')
  @HttpCode(200)
  @Roles('operator', 'expert')
  @Idempotent()
  @ApiOperation({ summary: 'Mark a milestone reached, with an optional note.' })
  @ApiOkResponse({ type: GroupSeenView })
  @ApiProblems(GROUP_NOT_FOUND, { status: 403, code: 'CONSULTING.NOT_A_PARTY', detail: 'Only a party to this booking (or an operator) may mark a milestone reached (the lead or an operator)' }, GROUP_CLOSED, { status: 404, code: 'RESEARCH_GROUP.MILESTONE_NOT_FOUND', detail: 'No milestone m-1' })
  reach(@Param() p: MilestoneParams, @Body() b: NoteRequest, @CurrentPrincipal() who: Principal) {
    return changeResearchGroup(this.deps, who, p.groupId, { type: 'ReachMilestone', data: { milestoneId: p.milestoneId, note: b.note ?? null } });
  }

  @Post(':groupId/closure')
  @HttpCode(200)
  @Roles('operator', 'expert')
  @Idempotent()
  @ApiOperation({ summary: 'Close with the closing report (lead or operator); milestones not reached are listed as missed.' })
  @ApiOkResponse({ type: GroupSeenView })
  @ApiProblems(GROUP_NOT_FOUND, GROUP_CLOSED)
  close(@Param() p: GroupIdParam, @Body() b: CloseResearchGroupRequest, @CurrentPrincipal() who: Principal) {
    return changeResearchGroup(this.deps, who, p.groupId, { type: 'CloseResearchGroup', data: { report: { summary: b.summary, findings: b.findings ?? [] } } });
  }
}
