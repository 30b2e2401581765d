import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForbiddenError, NotFoundError, type Principal } from '@hope/kernel';
import { AggregateHandlers, ApiProblems, BAD_CURSOR_PROBLEM, CLOCK, CommandMeta, CurrentPrincipal, Idempotent, Query, Roles, withTaggedCursor, type Clock } from '@hope/platform';
import { RESOURCES_CURSOR } from '../paging-cursors';
import { enquire, registerResource, reviseResource, withdrawResource, type ManageResourcesDeps } from '../../application/resources/manage-resources.use-case';
import type { ResourceFields } from '../../domain/resources/resource';
import { resources } from '../../domain/resources/resource.aggregate';
import { mayManage } from '../../domain/resources/resource.decide';
import { ResourceQueries } from '../../projections/resources/resources.queries';
import { EnquiryList, EnquiryRecorded, ResourcePage, ResourceView } from './resources.response.dto';
import { EnquiryRequest, RegisterResourceRequest, ResourceIdParam, ReviseResourceRequest, SearchResourcesQuery, WithdrawResourceRequest } from './resource.request.dto';
import { RESOURCE_NOT_FOUND, RESOURCE_NOT_YOURS, RESOURCE_OWNER_REQUIRED, RESOURCE_READ_NOT_YOURS, RESOURCE_TITLE_REQUIRED, RESOURCE_WITHDRAWN } from '../matching.problems';

/** DTO instances may carry own `undefined` properties; events store plain data. */
export const plain = <T>(dto: object): T => JSON.parse(JSON.stringify(dto)) as T;

/** The fields a register request (or an import row) describes; no description is an empty one. */
export const fieldsOf = (dto: RegisterResourceRequest): ResourceFields => {
  const { kind, title, description, capabilities, trl, ipStatus, region } = plain<RegisterResourceRequest>(dto);
  return { kind, title, description: description ?? {}, capabilities, trl, ipStatus, region };
};

@ApiTags('resources')
@ApiBearerAuth()
@Controller('resources')
export class ResourcesHttpController {
  private readonly deps: ManageResourcesDeps;

  constructor(
    aggregates: AggregateHandlers,
    private readonly queries: ResourceQueries,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.deps = { resources: aggregates.for(resources), clock };
  }

  /** The resource as the read model shows it (the command handlers waited for it to include their writes). */
  private view(resourceId: string): ResourceView {
    const view = this.queries.resource(resourceId);
    if (!view) throw new NotFoundError('RESOURCE.NOT_FOUND', `No resource ${resourceId}`);
    return view;
  }

  @Post()
  @ApiCreatedResponse({ type: ResourceView, description: 'The registered resource' })
  @Roles('enterprise', 'operator', 'service')
  @Idempotent()
  @ApiOperation({ summary: 'Register a technology, patent, supplier, institution or lab for your organisation (staff: for the organisation named).' })
  @ApiProblems(RESOURCE_NOT_YOURS, RESOURCE_OWNER_REQUIRED, RESOURCE_TITLE_REQUIRED)
  async register(@Body() body: RegisterResourceRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<ResourceView> {
    const resourceId = await registerResource(this.deps, who, { fields: fieldsOf(body), ...(body.ownerOrganisationId !== undefined ? { ownerOrganisationId: body.ownerOrganisationId } : {}) }, meta);
    return this.view(resourceId);
  }

  @Get()
  @ApiOkResponse({ type: ResourcePage, description: 'A page of resources, by resource id' })
  @Roles('operator', 'enterprise', 'expert', 'analyst', 'service')
  @ApiOperation({ summary: 'List resources by text, kind, region, owner, minimum TRL; cursor paging by resource id.' })
  @ApiProblems(BAD_CURSOR_PROBLEM)
  search(@Query() query: SearchResourcesQuery): ResourcePage {
    const { limit, cursor, ...rest } = plain<SearchResourcesQuery>(query);
    const after = cursor !== undefined ? { cursor: RESOURCES_CURSOR.decode(cursor) } : {};
    return withTaggedCursor(RESOURCES_CURSOR, this.queries.search({ ...rest, ...after, limit: limit ?? 20 }));
  }

  @Get(':resourceId')
  @ApiOkResponse({ type: ResourceView, description: 'The resource' })
  @Roles('operator', 'enterprise', 'expert', 'analyst', 'service')
  @ApiOperation({ summary: 'A resource (no contact address: enquire through the platform).' })
  @ApiProblems(RESOURCE_NOT_FOUND)
  get(@Param() p: ResourceIdParam): ResourceView {
    return this.view(p.resourceId);
  }

  @Patch(':resourceId')
  @ApiOkResponse({ type: ResourceView, description: 'The revised resource' })
  @Roles('enterprise', 'operator', 'service')
  @ApiOperation({ summary: "Revise a resource (absent fields unchanged): the owning organisation's members and staff." })
  @ApiProblems(RESOURCE_NOT_FOUND, RESOURCE_NOT_YOURS, RESOURCE_WITHDRAWN, RESOURCE_TITLE_REQUIRED)
  async revise(@Param() p: ResourceIdParam, @Body() body: ReviseResourceRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<ResourceView> {
    await reviseResource(this.deps, who, p.resourceId, plain<Partial<ResourceFields>>(body), meta);
    return this.view(p.resourceId);
  }

  @Post(':resourceId/withdrawal')
  @ApiOkResponse({ type: ResourceView, description: 'The withdrawn resource' })
  @HttpCode(200)
  @Roles('enterprise', 'operator', 'service')
  @ApiOperation({ summary: "Withdraw a resource: it is no longer listed or matched. The owning organisation's members and staff." })
  @ApiProblems(RESOURCE_NOT_FOUND, RESOURCE_NOT_YOURS)
  async withdraw(@Param() p: ResourceIdParam, @Body() body: WithdrawResourceRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<ResourceView> {
    await withdrawResource(this.deps, who, p.resourceId, body.reason, meta);
    return this.view(p.resourceId);
  }

  @Post(':resourceId/enquiries')
  @ApiCreatedResponse({ type: EnquiryRecorded, description: 'The enquiry recorded' })
  @Roles('enterprise', 'expert', 'operator')
  @Idempotent()
  @ApiOperation({ summary: 'Ask the owning organisation about a resource, through the platform.' })
  @ApiProblems(RESOURCE_NOT_FOUND, RESOURCE_WITHDRAWN)
  async enquire(@Param() p: ResourceIdParam, @Body() body: EnquiryRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<EnquiryRecorded> {
    const enquiryId = await enquire(this.deps, who, p.resourceId, body.message, meta);
    return { enquiryId, resourceId: p.resourceId };
  }

  @Get(':resourceId/enquiries')
  @ApiOkResponse({ type: EnquiryList, description: 'Enquiries to the resource, oldest first' })
  @Roles('enterprise', 'operator', 'service')
  @ApiOperation({ summary: "The enquiries about a resource: the owning organisation's members and staff." })
  @ApiProblems(RESOURCE_NOT_FOUND, RESOURCE_READ_NOT_YOURS)
  enquiries(@Param() p: ResourceIdParam, @CurrentPrincipal() who: Principal): EnquiryList {
    const resource = this.view(p.resourceId);
    if (!mayManage(who, resource.ownerOrganisationId)) throw new ForbiddenError('RESOURCE.NOT_YOURS', `Only members of organisation ${resource.ownerOrganisationId} or staff read its enquiries`);
    return { items: this.queries.enquiries(p.resourceId) };
  }
}
