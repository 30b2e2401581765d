import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { Principal } from '@hope/kernel';
import { ApiProblems, CommandMeta, CurrentPrincipal, Idempotent, IDS, Query, Roles, type IdSource } from '@hope/platform';
import { listNeeds } from '../../application/needs/list-needs.use-case';
import { NEED_DEPS, type NeedDeps } from '../../application/needs/need.deps';
import { requestNeed } from '../../application/needs/request-need.use-case';
import { reviewNeed } from '../../application/needs/review-need.use-case';
import { visibleNeed } from '../../application/needs/visible-need';
import { NeedQueries } from '../../projections/needs/needs.queries';
import { LongText, ReasonBody, TitleText } from '../demands/demand.request.dto';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { NeedsListResponse, NeedsRequestResponse } from './needs.response.dto';
import { NEED_ILLEGAL_TRANSITION, NEED_INVALID, NEED_NOT_FOUND, NEED_REASON_REQUIRED } from '../demand.problems';

const NEED_STATUSES = ['reserving', 'refused', 'in-review', 'capturing', 'listing', 'published', 'releasing', 'rejected', 'timed-out', 'lapsed'] as const;

export class NeedBody {
  @ApiProperty({ type: TitleText }) @ValidateNested() @Type(() => TitleText) title!: TitleText;
  @ApiProperty({ type: LongText }) @ValidateNested() @Type(() => LongText) description!: LongText;
  @ApiProperty({ example: 'industrial-internet' }) @IsString() @MinLength(1) @MaxLength(60) domain!: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(60, { each: true }) keywords?: string[];
}

export class NeedIdParam {
  @ApiProperty({ format: 'uuid' }) @Matches(/^[0-9a-f-]{36}$/i, { message: 'must be a UUID' }) needId!: string;
}

export class NeedsQuery {
  @ApiPropertyOptional({ enum: NEED_STATUSES }) @IsOptional() @IsIn(NEED_STATUSES) status?: string;
}

const text = (t: { en?: string; zh?: string }) => ({ ...(t.en !== undefined ? { en: t.en } : {}), ...(t.zh !== undefined ? { zh: t.zh } : {}) });

@ApiTags('needs')
@ApiBearerAuth()
@Controller('needs')
export class NeedsHttpController {
  constructor(
    @Inject(NEED_DEPS) private readonly deps: NeedDeps,
    @Inject(IDS) private readonly ids: IdSource,
    private readonly needList: NeedQueries,
  ) {}

  private meta(): CommandMeta {
    return { commandId: this.ids.next() };
  }

  @Post()
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Publish a need of my own: reserves 100 points now, captured if an operator publishes it (it is then a public demand with the need id, answerable and in the catalogue), released if rejected or not reviewed in 12 h.' })
  @ApiCreatedResponse({ type: NeedsRequestResponse })
  @ApiProblems(NEED_INVALID)
  request(@Body() body: NeedBody, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<NeedsRequestResponse> {
    const content = { title: text(body.title), description: text(body.description), domain: body.domain, keywords: body.keywords ?? [] };
    return requestNeed(this.deps, { content, by: who }, meta);
  }

  @Post(':needId/approval')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Publish a need in review: the reserved points are captured.' })
  @ApiOkResponse({ type: NeedsRequestResponse })
  @ApiProblems(NEED_NOT_FOUND, NEED_ILLEGAL_TRANSITION('approve'))
  approve(@Param() p: NeedIdParam, @CurrentPrincipal() who: Principal): Promise<NeedsRequestResponse> {
    return reviewNeed(this.deps, { needId: p.needId, review: { type: 'ApproveNeed', data: {} }, by: who });
  }

  @Post(':needId/rejection')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Reject a need in review, with a reason: the reserved points are released.' })
  @ApiOkResponse({ type: NeedsRequestResponse })
  @ApiProblems(NEED_NOT_FOUND, NEED_ILLEGAL_TRANSITION('reject'), NEED_REASON_REQUIRED)
  reject(@Param() p: NeedIdParam, @Body() body: ReasonBody, @CurrentPrincipal() who: Principal): Promise<NeedsRequestResponse> {
    return reviewNeed(this.deps, { needId: p.needId, review: { type: 'RejectNeed', data: { reason: body.reason } }, by: who });
  }

  @Get(':needId')
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: 'One need: published ones for everyone, others for their expert and staff.' })
  @ApiOkResponse({ type: NeedsRequestResponse })
  @ApiProblems(NEED_NOT_FOUND)
  async get(@Param() p: NeedIdParam, @CurrentPrincipal() who: Principal): Promise<NeedsRequestResponse> {
    return visibleNeed(await this.deps.needs.load(p.needId), who);
  }

  @Get()
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: 'Needs: staff filter by status (the review queue is `in-review`); others see published ones and their own.' })
  @ApiOkResponse({ type: NeedsListResponse })
  list(@Query() q: NeedsQuery, @CurrentPrincipal() who: Principal): NeedsListResponse {
    return listNeeds({ needList: this.needList }, { ...(q.status ? { status: q.status } : {}), by: who });
  }
}
