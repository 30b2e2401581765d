import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionRunner } from '@hope/eventstore';
import { AggregateHandlers, CLOCK, CurrentPrincipal, IDS, Idempotent, NotFoundError, PROJECTIONS, Roles, ValidationError, type Clock, type IdSource, type Principal } from '@hope/platform';
import { researchGroups } from '../../domain/research-group/research-group.aggregate';
import type { ResearchGroupCommand } from '../../domain/research-group/research-group.decide';
import { GROUP_MEMBERS_TABLE, GROUPS_TABLE, MILESTONES_TABLE, type GroupRow } from '../../projections/research-groups/research-groups.projection';
import { AddMemberRequest, CloseResearchGroupRequest, FormResearchGroupRequest, GroupIdParam, MemberParams, MilestoneParams, NoteRequest, PlanMilestoneRequest } from './research-groups.request.dto';

const ALL_ROLES = ['enterprise', 'expert', 'operator', 'analyst', 'service'] as const;
type Bare<C> = C extends { type: infer T; data: infer D } ? { type: T; data: D } : never;

/** Tenancy: the sponsoring enterprise and the group's (past) members see a group; staff all. */
@ApiTags('research-groups')
@ApiBearerAuth()
@Controller('research-groups')
export class ResearchGroupsHttpController {
  private readonly groups;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {
    this.groups = aggregates.for(researchGroups);
  }

  @Post()
  @Roles('operator', 'enterprise')
  @Idempotent()
  @ApiOperation({ summary: 'Form a virtual research group: several experts around a topic or demand for a period, with a lead expert.' })
  async form(@Body() b: FormResearchGroupRequest, @CurrentPrincipal() who: Principal) {
    if (who.role === 'operator' && !b.organisationId) throw new ValidationError('REQUEST.INVALID', 'organisationId is required', [{ field: 'organisationId', reason: 'is required when an operator forms a group' }]);
    const groupId = this.ids.next();
    const organisationId = who.role === 'enterprise' ? (who.organisationId ?? '') : b.organisationId!;
    const data = { groupId, title: b.title, topic: b.topic, demandId: b.demandId ?? null, organisationId, leadExpertId: b.leadExpertId, memberIds: b.memberIds ?? [], startsAt: b.startsAt, endsAt: b.endsAt };
    await this.exec(groupId, { type: 'FormResearchGroup', data }, who, groupId);
    return this.get({ groupId }, who);
  }

  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() who: Principal) {
    const db = this.projections.db;
    const rows =
      who.role === 'enterprise'
        ? db.prepare<[string], GroupRow>(`SELECT * FROM ${GROUPS_TABLE} WHERE organisation_id = ? ORDER BY starts_at, group_id LIMIT 200`).all(who.organisationId ?? '')
        : who.role === 'expert'
          ? db.prepare<[string], GroupRow>(`SELECT g.* FROM ${GROUPS_TABLE} g JOIN ${GROUP_MEMBERS_TABLE} m ON m.group_id = g.group_id WHERE m.expert_id = ? ORDER BY g.starts_at, g.group_id LIMIT 200`).all(who.subject)
          : db.prepare<[], GroupRow>(`SELECT * FROM ${GROUPS_TABLE} ORDER BY starts_at, group_id LIMIT 200`).all();
    return { items: rows.map((r) => this.view(r)) };
  }

  @Get(':groupId')
  @Roles(...ALL_ROLES)
  get(@Param() p: GroupIdParam, @CurrentPrincipal() who: Principal) {
    return this.view(this.visible(p.groupId, who));
  }

  @Post(':groupId/members')
  @HttpCode(200)
  @Roles('operator', 'enterprise', 'expert')
  @Idempotent()
  async add(@Param() p: GroupIdParam, @Body() b: AddMemberRequest, @CurrentPrincipal() who: Principal) {
    await this.act(p.groupId, { type: 'AddMember', data: { expertId: b.expertId } }, who);
    return this.get(p, who);
  }

  @Delete(':groupId/members/:expertId')
  @HttpCode(200)
  @Roles('operator', 'enterprise', 'expert')
  @ApiOperation({ summary: 'A member leaves (or is removed by the lead, sponsor or an operator); the lead stays until closure.' })
  async remove(@Param() p: MemberParams, @CurrentPrincipal() who: Principal) {
    await this.act(p.groupId, { type: 'RemoveMember', data: { expertId: p.expertId, reason: null } }, who);
    return this.get(p, who);
  }

  @Post(':groupId/milestones')
  @Roles('operator', 'enterprise', 'expert')
  @Idempotent()
  async plan(@Param() p: GroupIdParam, @Body() b: PlanMilestoneRequest, @CurrentPrincipal() who: Principal) {
    const milestoneId = this.ids.next();
    await this.act(p.groupId, { type: 'PlanMilestone', data: { milestoneId, title: b.title, dueAt: b.dueAt } }, who);
    return { milestoneId, ...this.get(p, who) };
  }

  @Post(':groupId/milestones/:milestoneId/reached')
  @HttpCode(200)
  @Roles('operator', 'expert')
  @Idempotent()
  async reach(@Param() p: MilestoneParams, @Body() b: NoteRequest, @CurrentPrincipal() who: Principal) {
    await this.act(p.groupId, { type: 'ReachMilestone', data: { milestoneId: p.milestoneId, note: b.note ?? null } }, who);
    return this.get(p, who);
  }

  @Post(':groupId/closure')
  @HttpCode(200)
  @Roles('operator', 'expert')
  @Idempotent()
  @ApiOperation({ summary: 'Close with the closing report (lead or operator); milestones not reached are listed as missed.' })
  async close(@Param() p: GroupIdParam, @Body() b: CloseResearchGroupRequest, @CurrentPrincipal() who: Principal) {
    await this.act(p.groupId, { type: 'CloseResearchGroup', data: { report: { summary: b.summary, findings: b.findings ?? [] } } }, who);
    return this.get(p, who);
  }

  private visible(groupId: string, who: Principal): GroupRow {
    const db = this.projections.db;
    const row = db.prepare<[string], GroupRow>(`SELECT * FROM ${GROUPS_TABLE} WHERE group_id = ?`).get(groupId);
    const member = () => db.prepare(`SELECT 1 FROM ${GROUP_MEMBERS_TABLE} WHERE group_id = ? AND expert_id = ?`).get(groupId, who.subject) !== undefined;
    const ok = row && (who.role === 'enterprise' ? row.organisation_id === who.organisationId : who.role === 'expert' ? member() : true);
    if (!row || !ok) throw new NotFoundError('RESEARCH_GROUP.NOT_FOUND', `No research group ${groupId}`);
    return row;
  }

  private view(r: GroupRow) {
    const db = this.projections.db;
    const members = db
      .prepare<[string], { expert_id: string; status: string; joined_at: string; left_at: string | null }>(`SELECT expert_id, status, joined_at, left_at FROM ${GROUP_MEMBERS_TABLE} WHERE group_id = ? ORDER BY joined_at, expert_id`)
      .all(r.group_id);
    const milestones = db
      .prepare<[string], { milestone_id: string; title: string; due_at: string; reached_at: string | null; note: string | null }>(`SELECT * FROM ${MILESTONES_TABLE} WHERE group_id = ? ORDER BY due_at, milestone_id`)
      .all(r.group_id);
    return {
      groupId: r.group_id,
      title: r.title,
      topic: r.topic,
      demandId: r.demand_id,
      organisationId: r.organisation_id,
      leadExpertId: r.lead_expert_id,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      status: r.status,
      members: members.map((m) => ({ expertId: m.expert_id, status: m.status, joinedAt: m.joined_at, leftAt: m.left_at })),
      milestones: milestones.map((m) => ({ milestoneId: m.milestone_id, title: m.title, dueAt: m.due_at, reachedAt: m.reached_at, note: m.note })),
      closingReport: r.report ? { ...(JSON.parse(r.report) as object), missedMilestones: JSON.parse(r.missed_milestones ?? '[]') as string[], closedAt: r.closed_at } : null,
    };
  }

  /** Commands on an existing group; a group the caller may not see is a 404, as for reads. */
  private async act(groupId: string, command: Bare<Exclude<ResearchGroupCommand, { type: 'FormResearchGroup' }>>, who: Principal) {
    this.visible(groupId, who);
    await this.exec(groupId, command, who, this.ids.next());
  }

  private exec(groupId: string, command: Bare<ResearchGroupCommand>, who: Principal, commandId: string) {
    const full = { ...command, actor: who, metadata: { now: this.clock.now() } } as ResearchGroupCommand;
    return this.groups.handle(groupId, full, { commandId });
  }
}
