import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@hope/kernel';
import { ApiProblems, CommandMeta, CurrentPrincipal, Idempotent, IDS, Query, Roles, type IdSource } from '@hope/platform';
import { changeDemand, type DemandChange } from '../../application/demands/change-demand.use-case';
import { DEMAND_DEPS, type DemandDeps } from '../../application/demands/demand.deps';
import { draftDemand } from '../../application/demands/draft-demand.use-case';
import { readDemand } from '../../application/demands/read-demand.use-case';
import type { ExistingDemand } from '../../domain/demand/demand.state';
import { isOwner, readsAsStaff, showsSeeker } from '../../domain/demand/demand.visibility';
import { DemandCatalogueQueries } from '../../projections/demand-catalogue/demand-catalogue.queries';
import { BrowseDemandsQuery, DemandBody, DemandChangesBody, DemandIdParam, OptionalReasonBody, ReasonBody, toChanges, toContent } from './demand.request.dto';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { DemandsBrowseResponse, DemandsDraftResponse } from './demands.response.dto';
import { BAD_CURSOR, DEMAND_CANCEL_NEEDS_OPERATOR, DEMAND_ILLEGAL_TRANSITION, DEMAND_INVALID, DEMAND_IP_TERMS_FIXED, DEMAND_NOT_FOUND, DEMAND_REASON_REQUIRED } from '../demand.problems';

/** What a viewer gets of a demand: revision history and rejection only for its organisation and staff. */
function view(d: ExistingDemand, viewer: Principal) {
  const insider = readsAsStaff(viewer) || isOwner(d, viewer);
  return {
    demandId: d.demandId,
    ...(showsSeeker(d, viewer) ? { organisationId: d.organisationId } : {}),
    status: d.status,
    ...d.content,
    ...(d.publishedAt ? { publishedAt: d.publishedAt } : {}),
    ...(d.outcome ? { outcome: d.outcome } : {}),
    ...(d.need ? { need: d.need } : {}),
    revisions: insider ? d.revisions : d.revisions.map(({ revision, changedFields, at }) => ({ revision, changedFields, at })),
    ...(insider && d.rejection ? { rejection: d.rejection } : {}),
  };
}

@ApiTags('demands')
@ApiBearerAuth()
@Controller('demands')
export class DemandsHttpController {
  constructor(
    @Inject(DEMAND_DEPS) private readonly deps: DemandDeps,
    @Inject(IDS) private readonly ids: IdSource,
    private readonly catalogue: DemandCatalogueQueries,
  ) {}

  private meta(): CommandMeta {
    return { commandId: this.ids.next() };
  }

  private async change(demandId: string, change: DemandChange, who: Principal) {
    return view(await changeDemand(this.deps, { demandId, change, by: who }, this.meta()), who);
  }

  @Post()
  @Roles('enterprise')
  @Idempotent()
  @ApiOperation({ summary: 'Draft a demand for my organisation.' })
  @ApiCreatedResponse({ type: DemandsDraftResponse })
  @ApiProblems(DEMAND_INVALID)
  async draft(@Body() body: DemandBody, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta) {
    return view(await draftDemand(this.deps, { content: toContent(body), by: who }, meta), who);
  }

  @Patch(':demandId')
  @Roles('enterprise')
  @ApiOperation({ summary: 'Edit a draft (or a rejected demand, which returns it to draft). Only the fields sent change.' })
  @ApiOkResponse({ type: DemandsDraftResponse })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_ILLEGAL_TRANSITION, DEMAND_INVALID)
  async edit(@Param() p: DemandIdParam, @Body() body: DemandChangesBody, @CurrentPrincipal() who: Principal) {
    return this.change(p.demandId, { type: 'EditDraft', data: { changes: toChanges(body) } }, who);
  }

  @Post(':demandId/submission')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise')
  @ApiOperation({ summary: 'Submit a draft for review by an operator.' })
  @ApiOkResponse({ type: DemandsDraftResponse })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_ILLEGAL_TRANSITION, DEMAND_INVALID)
  async submit(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return this.change(p.demandId, { type: 'SubmitForReview', data: {} }, who);
  }

  @Post(':demandId/publication')
  @HttpCode(200)
  @Idempotent()
  @Roles('operator')
  @ApiOperation({ summary: 'Publish a demand under review (operators). Emits DemandPublished.' })
  @ApiOkResponse({ type: DemandsDraftResponse })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_ILLEGAL_TRANSITION, DEMAND_INVALID)
  async publish(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return this.change(p.demandId, { type: 'PublishDemand', data: {} }, who);
  }

  @Post(':demandId/rejection')
  @HttpCode(200)
  @Idempotent()
  @Roles('operator')
  @ApiOperation({ summary: 'Reject a demand under review, with a reason (operators).' })
  @ApiOkResponse({ type: DemandsDraftResponse })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_ILLEGAL_TRANSITION, DEMAND_REASON_REQUIRED)
  async reject(@Param() p: DemandIdParam, @Body() body: ReasonBody, @CurrentPrincipal() who: Principal) {
    return this.change(p.demandId, { type: 'RejectDemand', data: { reason: body.reason } }, who);
  }

  @Post(':demandId/revisions')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise')
  @ApiOperation({ summary: 'Revise a published demand; each revision is kept with what changed. IP terms cannot change.' })
  @ApiOkResponse({ type: DemandsDraftResponse })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_ILLEGAL_TRANSITION, DEMAND_IP_TERMS_FIXED, DEMAND_INVALID)
  async revise(@Param() p: DemandIdParam, @Body() body: DemandChangesBody, @CurrentPrincipal() who: Principal) {
    return this.change(p.demandId, { type: 'ReviseDemand', data: { changes: toChanges(body) } }, who);
  }

  @Post(':demandId/cancellation')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise', 'operator')
  @ApiOperation({ summary: 'Cancel a demand. Once published, only an operator may, with a reason.' })
  @ApiOkResponse({ type: DemandsDraftResponse })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_ILLEGAL_TRANSITION, DEMAND_CANCEL_NEEDS_OPERATOR, DEMAND_REASON_REQUIRED)
  async cancel(@Param() p: DemandIdParam, @Body() body: OptionalReasonBody, @CurrentPrincipal() who: Principal) {
    return this.change(p.demandId, { type: 'CancelDemand', data: { ...(body.reason ? { reason: body.reason } : {}) } }, who);
  }

  @Get(':demandId')
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: "One demand, if the caller may see it (404 otherwise, so nothing leaks). An expert opening a confidential demand is recorded; an expert's first opening counts as 'viewed' on the dashboard." })
  @ApiOkResponse({ type: DemandsDraftResponse })
  @ApiProblems(DEMAND_NOT_FOUND)
  async get(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return view(await readDemand(this.deps, { demandId: p.demandId, by: who }, this.meta()), who);
  }

  @Get()
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: 'Browse the demands the caller may see: domain, words (zh/en, any order, "phrases"), status, capability, deadline window; by relevance, newest first or by deadline; cursor paging.' })
  @ApiOkResponse({ type: DemandsBrowseResponse })
  @ApiProblems(BAD_CURSOR)
  browse(@Query() q: BrowseDemandsQuery, @CurrentPrincipal() who: Principal) {
    return this.catalogue.browse(who, {
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
