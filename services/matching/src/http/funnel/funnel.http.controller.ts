import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForbiddenError, NotFoundError, type Principal } from '@hope/kernel';
import { ApiProblems, AggregateHandlers, CLOCK, CurrentPrincipal, Roles, type Clock } from '@hope/platform';
import { recordDemandView, type RecordDemandViewDeps } from '../../application/record-demand-view.use-case';
import { funnels } from '../../domain/funnel/funnel.aggregate';
import { matches } from '../../domain/matches/matches.aggregate';
import { FunnelQueries } from '../../projections/funnel/funnel.queries';
import { RegistryQueries } from '../../projections/registry/registry.queries';
import { ExpertIdParam } from '../experts/experts.http.controller';
import { DemandIdParam } from '../matches/matches.http.controller';
import { ApiOkResponse } from '@nestjs/swagger';
import { FunnelForDemandResponse, FunnelForExpertResponse, FunnelViewedResponse } from './funnel.response.dto';
import { DEMAND_NOT_FOUND, DEMAND_NOT_FOUND_TO_VIEWER, EXPERT_NOT_FOUND, FUNNEL_NOT_YOURS } from '../matching.problems';

/** The funnel (matched -> invited -> viewed -> submitted -> shortlisted -> adopted), per demand and per expert. */
@ApiTags('funnel')
@ApiBearerAuth()
@Controller()
export class FunnelHttpController {
  private readonly viewing: RecordDemandViewDeps;

  constructor(
    aggregates: AggregateHandlers,
    private readonly queries: FunnelQueries,
    private readonly registry: RegistryQueries,
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
  @ApiProblems(DEMAND_NOT_FOUND)
  async forDemand(@Param() p: DemandIdParam) {
    const funnel = this.queries.forDemand(p.demandId);
    // Zeros for a demand matching ranked that nobody reached yet; a 404 for an id it never heard of
    // (a typo read as "nobody engaged" misled). Rows win: the funnel is never hidden behind the check.
    if (funnel.experts.length === 0 && !known(await this.viewing.matches.load(p.demandId))) {
      throw new NotFoundError('DEMAND.NOT_FOUND', `Matching knows no published demand ${p.demandId}`);
    }
    return funnel;
  }

  @Get('experts/:expertId/funnel')
  @Roles('operator', 'analyst', 'service', 'expert')
  @ApiOperation({ summary: "Per demand, the expert's funnel steps; counts per step. Experts see their own." })
  @ApiOkResponse({ type: FunnelForExpertResponse })
  @ApiProblems(FUNNEL_NOT_YOURS, EXPERT_NOT_FOUND)
  forExpert(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    // Before the lookup: an expert learns nothing of whether another id exists.
    if (who.role === 'expert' && who.subject !== p.expertId) throw new ForbiddenError('FUNNEL.NOT_YOURS', "An expert sees only their own funnel");
    const funnel = this.queries.forExpert(p.expertId);
    if (funnel.demands.length === 0 && this.registry.expert(p.expertId) === undefined) throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${p.expertId}`);
    return funnel;
  }
}

/** Matching has recorded something of the demand: a ranking (even an empty one), its subject, its closing. */
const known = (s: Awaited<ReturnType<RecordDemandViewDeps['matches']['load']>>): boolean => s.latest.size > 0 || s.subject !== undefined || s.closed === true;
