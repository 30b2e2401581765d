import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionRunner } from '@hope/eventstore';
import { CurrentPrincipal, Idempotent, PROJECTIONS, Roles, type Principal } from '@hope/platform';
import { ConfidentialAccess } from '../../application/confidential-access';
import { DemandCommandHandler } from '../../application/demand.command-handler';
import { FunnelRecorder } from '../../application/funnel-recorder';
import { DemandNotFound } from '../../domain/demand/demand.decide';
import type { Demand, ExistingDemand } from '../../domain/demand/demand.state';
import { canSee, isOwner, isStaff, showsSeeker } from '../../domain/demand/demand.visibility';
import type { Actor } from '../../domain/actor';
import { browseDemands } from '../../projections/demand-catalogue/demand-catalogue.query';
import { BrowseDemandsQuery, DemandBody, DemandChangesBody, DemandIdParam, OptionalReasonBody, ReasonBody, toChanges, toContent } from './demand.request.dto';

/** What a viewer gets of a demand: revision history and rejection only for its organisation and staff. */
function view(d: ExistingDemand, viewer: Actor) {
  const insider = isStaff(viewer) || isOwner(d, viewer);
  return {
    demandId: d.demandId,
    ...(showsSeeker(d, viewer) ? { organisationId: d.organisationId } : {}),
    status: d.status,
    ...d.content,
    ...(d.publishedAt ? { publishedAt: d.publishedAt } : {}),
    ...(d.outcome ? { outcome: d.outcome } : {}),
    revisions: insider ? d.revisions : d.revisions.map(({ revision, changedFields, at }) => ({ revision, changedFields, at })),
    ...(insider && d.rejection ? { rejection: d.rejection } : {}),
  };
}

const visible = (d: Demand, viewer: Actor, ndaAccepted = false): ExistingDemand => {
  if (d.status === 'none' || !canSee(d, viewer, ndaAccepted)) throw new DemandNotFound();
  return d;
};

@ApiTags('demands')
@ApiBearerAuth()
@Controller('demands')
export class DemandsHttpController {
  constructor(
    private readonly demands: DemandCommandHandler,
    private readonly confidential: ConfidentialAccess,
    private readonly funnel: FunnelRecorder,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @Roles('enterprise')
  @Idempotent()
  @ApiOperation({ summary: 'Draft a demand for my organisation.' })
  async draft(@Body() body: DemandBody, @CurrentPrincipal() who: Principal) {
    const demandId = this.demands.newId();
    const d = await this.demands.execute(demandId, 'DraftDemand', { demandId, content: toContent(body) }, who, demandId);
    return view(visible(d, who), who);
  }

  @Patch(':demandId')
  @Roles('enterprise')
  @ApiOperation({ summary: 'Edit a draft (or a rejected demand, which returns it to draft). Only the fields sent change.' })
  async edit(@Param() p: DemandIdParam, @Body() body: DemandChangesBody, @CurrentPrincipal() who: Principal) {
    return view(visible(await this.demands.execute(p.demandId, 'EditDraft', { changes: toChanges(body) }, who), who), who);
  }

  @Post(':demandId/submission')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise')
  @ApiOperation({ summary: 'Submit a draft for review by an operator.' })
  async submit(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return view(visible(await this.demands.execute(p.demandId, 'SubmitForReview', {}, who), who), who);
  }

  @Post(':demandId/publication')
  @HttpCode(200)
  @Idempotent()
  @Roles('operator')
  @ApiOperation({ summary: 'Publish a demand under review (operators). Emits DemandPublished.' })
  async publish(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return view(visible(await this.demands.execute(p.demandId, 'PublishDemand', {}, who), who), who);
  }

  @Post(':demandId/rejection')
  @HttpCode(200)
  @Idempotent()
  @Roles('operator')
  @ApiOperation({ summary: 'Reject a demand under review, with a reason (operators).' })
  async reject(@Param() p: DemandIdParam, @Body() body: ReasonBody, @CurrentPrincipal() who: Principal) {
    return view(visible(await this.demands.execute(p.demandId, 'RejectDemand', { reason: body.reason }, who), who), who);
  }

  @Post(':demandId/revisions')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise')
  @ApiOperation({ summary: 'Revise a published demand; each revision is kept with what changed. IP terms cannot change.' })
  async revise(@Param() p: DemandIdParam, @Body() body: DemandChangesBody, @CurrentPrincipal() who: Principal) {
    return view(visible(await this.demands.execute(p.demandId, 'ReviseDemand', { changes: toChanges(body) }, who), who), who);
  }

  @Post(':demandId/cancellation')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise', 'operator')
  @ApiOperation({ summary: 'Cancel a demand. Once published, only an operator may, with a reason.' })
  async cancel(@Param() p: DemandIdParam, @Body() body: OptionalReasonBody, @CurrentPrincipal() who: Principal) {
    return view(visible(await this.demands.execute(p.demandId, 'CancelDemand', { ...(body.reason ? { reason: body.reason } : {}) }, who), who), who);
  }

  @Get(':demandId')
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: "One demand, if the caller may see it (404 otherwise, so nothing leaks). An expert opening a confidential demand is recorded; an expert's first opening counts as 'viewed' on the dashboard." })
  async get(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    const d = await this.demands.load(p.demandId);
    if (d.status === 'none') throw new DemandNotFound();
    const accepted = await this.confidential.accepted(d, who);
    const shown = visible(d, who, accepted);
    if (accepted) await this.confidential.execute(shown, 'OpenConfidentialDetails', {}, who);
    // The dashboard's "viewed": an expert's first opening of a published demand (recorded once).
    if (who.role === 'expert' && shown.status === 'published') await this.funnel.recordView(shown.demandId, who.subject);
    return view(shown, who);
  }

  @Get()
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: 'Browse the demands the caller may see: domain, keyword (zh/en), status, capability, deadline window; newest first or by deadline; cursor paging.' })
  browse(@Query() q: BrowseDemandsQuery, @CurrentPrincipal() who: Principal) {
    return browseDemands(this.projections.db, who, {
      ...(q.domain ? { domain: q.domain } : {}),
      ...(q.keyword ? { keyword: q.keyword } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.mine ? { mine: true } : {}),
      ...(q.capability ? { capability: q.capability } : {}),
      ...(q.deadlineFrom ? { deadlineFrom: q.deadlineFrom } : {}),
      ...(q.deadlineTo ? { deadlineTo: q.deadlineTo } : {}),
      ...(q.sort ? { sort: q.sort } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
      limit: q.limit ?? 20,
    });
  }
}
