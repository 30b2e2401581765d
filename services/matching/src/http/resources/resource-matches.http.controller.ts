import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { AggregateHandlers, ApiProblems, CLOCK, CommandMeta, CurrentPrincipal, Query, Roles, type Clock } from '@hope/platform';
import { attachResource, demandResourceMatches, type ResourceMatchesHandler } from '../../application/resources/demand-resources.use-case';
import type { ResourceHandler } from '../../application/resources/manage-resources.use-case';
import { resources } from '../../domain/resources/resource.aggregate';
import { resourceMatches } from '../../domain/resources/resource-matches.aggregate';
import { ResourceQueries } from '../../projections/resources/resources.queries';
import { DemandIdParam, DemandMatchesQuery } from '../matches/matches.http.controller';
import { RESOURCE_ID } from './resource.request.dto';
import { DemandResourceMatches } from './resource-matches.response.dto';
import { DEMAND_ATTACH_NOT_YOURS, DEMAND_NOT_FOUND, DEMAND_RESOURCES_NOT_YOURS, MATCHES_NOT_FOUND_RESOURCES, RESOURCE_NOT_ACTIVE } from '../matching.problems';

export class AttachResourceRequest {
  @ApiProperty({ pattern: RESOURCE_ID.source }) @Matches(RESOURCE_ID, { message: 'must be a resource id (letters, digits, _.:-, at most 100)' }) resourceId!: string;
}

@ApiTags('resources')
@ApiBearerAuth()
@Controller('demands/:demandId')
export class ResourceMatchesHttpController {
  private readonly matches: ResourceMatchesHandler;
  private readonly resources: ResourceHandler;

  constructor(
    aggregates: AggregateHandlers,
    private readonly queries: ResourceQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.matches = aggregates.for(resourceMatches);
    this.resources = aggregates.for(resources);
  }

  @Get('resource-matches')
  @ApiOkResponse({ type: DemandResourceMatches, description: 'Resources matched with the demand (or a sub-problem), best first, each with its explanation; and those attached by hand' })
  @Roles('enterprise', 'operator', 'service')
  @ApiOperation({ summary: "The latest resources matched with a demand (or a sub-problem: `subProblemId`), each with the terms that matched per field; the owner's members and staff only." })
  @ApiProblems(DEMAND_RESOURCES_NOT_YOURS, MATCHES_NOT_FOUND_RESOURCES)
  get(@Param() p: DemandIdParam, @Query() q: DemandMatchesQuery, @CurrentPrincipal() who: Principal): Promise<DemandResourceMatches> {
    return demandResourceMatches({ matches: this.matches, queries: this.queries }, who, { demandId: p.demandId, ...(q.subProblemId !== undefined ? { subProblemId: q.subProblemId } : {}) });
  }

  @Post('resources')
  @HttpCode(204)
  @Roles('enterprise', 'operator')
  @ApiOperation({ summary: 'Attach a resource to a demand by hand (so it can be evaluated there): the owner\'s members and staff.' })
  @ApiNoContentResponse({ description: 'Attached (attaching it again changes nothing).' })
  @ApiProblems(DEMAND_NOT_FOUND, DEMAND_ATTACH_NOT_YOURS, RESOURCE_NOT_ACTIVE)
  async attach(@Param() p: DemandIdParam, @Body() body: AttachResourceRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<void> {
    await attachResource({ matches: this.matches, resources: this.resources, clock: this.clock }, who, { demandId: p.demandId, resourceId: body.resourceId }, meta);
  }
}
