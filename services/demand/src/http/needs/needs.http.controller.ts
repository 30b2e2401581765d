import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { ProjectionRunner } from '@hope/eventstore';
import { CurrentPrincipal, Idempotent, PROJECTIONS, Roles, ServiceUnavailableError, type Principal } from '@hope/platform';
import { NeedSaga } from '../../application/need-saga';
import { NeedNotFound } from '../../domain/need/need.decide';
import type { Need } from '../../domain/need/need.state';
import { listNeeds } from '../../projections/needs/needs.projection';
import { LongText, ReasonBody, TitleText } from '../demands/demand.request.dto';

const NEED_STATUSES = ['reserving', 'refused', 'in-review', 'capturing', 'published', 'releasing', 'rejected', 'timed-out', 'lapsed'] as const;

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

/** Published needs are everyone's to read; the others only their expert's and staff's. */
function visible(n: Need, who: Principal): Exclude<Need, { status: 'none' }> {
  if (n.status === 'none') throw new NeedNotFound();
  const staff = who.role === 'operator' || who.role === 'analyst' || who.role === 'service';
  if (n.status !== 'published' && !staff && who.subject !== n.expertId) throw new NeedNotFound();
  return n;
}

@ApiTags('needs')
@ApiBearerAuth()
@Controller('needs')
export class NeedsHttpController {
  constructor(
    private readonly saga: NeedSaga,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'Publish a need of my own: reserves 100 points now, captured if an operator publishes it, released if rejected or not reviewed in 12 h.' })
  async request(@Body() body: NeedBody, @CurrentPrincipal() who: Principal) {
    const needId = this.saga.newId();
    const content = { title: text(body.title), description: text(body.description), domain: body.domain, keywords: body.keywords ?? [] };
    await this.saga.execute(needId, 'RequestNeed', { needId, content }, who, needId);
    return visible(await this.advanceIfReachable(needId), who);
  }

  @Post(':needId/approval')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Publish a need in review: the reserved points are captured.' })
  async approve(@Param() p: NeedIdParam, @CurrentPrincipal() who: Principal) {
    await this.saga.execute(p.needId, 'ApproveNeed', {}, who);
    return visible(await this.advanceIfReachable(p.needId), who);
  }

  @Post(':needId/rejection')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Reject a need in review, with a reason: the reserved points are released.' })
  async reject(@Param() p: NeedIdParam, @Body() body: ReasonBody, @CurrentPrincipal() who: Principal) {
    await this.saga.execute(p.needId, 'RejectNeed', { reason: body.reason }, who);
    return visible(await this.advanceIfReachable(p.needId), who);
  }

  @Get(':needId')
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: 'One need: published ones for everyone, others for their expert and staff.' })
  async get(@Param() p: NeedIdParam, @CurrentPrincipal() who: Principal) {
    return visible(await this.saga.load(p.needId), who);
  }

  @Get()
  @Roles('enterprise', 'expert', 'operator', 'analyst')
  @ApiOperation({ summary: 'Needs: staff filter by status (the review queue is `in-review`); others see published ones and their own.' })
  list(@Query() q: NeedsQuery, @CurrentPrincipal() who: Principal) {
    const staff = who.role === 'operator' || who.role === 'analyst';
    if (staff) return { items: listNeeds(this.projections.db, q.status ? { status: q.status } : {}) };
    const mine = who.role === 'expert' ? listNeeds(this.projections.db, { expertId: who.subject }) : [];
    const published = listNeeds(this.projections.db, { status: 'published' }).filter((n) => n.expertId !== who.subject);
    return { items: [...mine, ...published].filter((n) => !q.status || n.status === q.status) };
  }

  /** The points service down is not the caller's failure: the saga job makes the call later. */
  private async advanceIfReachable(needId: string): Promise<Need> {
    try {
      return await this.saga.advance(needId);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) return this.saga.load(needId);
      throw error;
    }
  }
}
