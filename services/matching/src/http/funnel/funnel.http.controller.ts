import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForbiddenError, type Principal } from '@hope/kernel';
import { ApiProblems, AggregateHandlers, CLOCK, CurrentPrincipal, Roles, type Clock } from '@hope/platform';
import { recordDemandView, type RecordDemandViewDeps } from '../../application/record-demand-view.use-case';
import { funnels } from '../../domain/funnel/funnel.aggregate';
import { matches } from '../../domain/matches/matches.aggregate';
import { FunnelQueries } from '../../projections/funnel/funnel.queries';
import { ExpertIdParam } from '../experts/experts.http.controller';
import { DemandIdParam } from '../matches/matches.http.controller';
import { ApiOkResponse } from '@nestjs/swagger';
import { FunnelForDemandResponse, FunnelForExpertResponse, FunnelViewedResponse } from './funnel.response.dto';
import { DEMAND_NOT_FOUND_TO_VIEWER, FUNNEL_NOT_YOURS } from '../matching.problems';

/** The funnel (matched -> invited -> viewed -> submitted -> shortlisted -> adopted), per demand and per expert. */
@ApiTags('funnel')
@ApiBearerAuth()
@Controller()
export class FunnelHttpController {
  private readonly viewing: RecordDemandViewDeps;

  constructor(
    aggregates: AggregateHandlers,
    private readonly queries: FunnelQueries,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.viewing = { funnels: aggregates.for(funnels), matches: aggregates.for(matches), funnel: queries, clock };
  }

  @Post('demands/:demandId/views')
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: 'The calling expert opened the demand (the "viewed" step; the first view counts).' })
  @ApiOkResponse({ type: FunnelViewedResponse })
  @ApiProblems(DEMAND_NOT_FOUND_TO_VIEWER)
  viewed(@Param() p: DemandIdParam, @CurrentPrincipal() who: Principal) {
    return recordDemandView(this.viewing, who, { demandId: p.demandId });
  }

  @Get('demands/:demandId/funnel')
  @Roles('operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Per expert, when each funnel step was first reached for this demand; counts per step.' })
  @ApiOkResponse({ type: FunnelForDemandResponse })
  forDemand(@Param() p: DemandIdParam) {
    return this.queries.forDemand(p.demandId);
  }

  @Get('experts/:expertId/funnel')
  @Roles('operator', 'analyst', 'service', 'expert')
  @ApiOperation({ summary: "Per demand, the expert's funnel steps; counts per step. Experts see their own." })
  @ApiOkResponse({ type: FunnelForExpertResponse })
  @ApiProblems(FUNNEL_NOT_YOURS)
  forExpert(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    if (who.role === 'expert' && who.subject !== p.expertId) throw new ForbiddenError('FUNNEL.NOT_YOURS', "An expert sees only their own funnel");
    return this.queries.forExpert(p.expertId);
  }
}
