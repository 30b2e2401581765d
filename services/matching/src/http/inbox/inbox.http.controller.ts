import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, ApiResponse } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { CommandMeta as Meta, Principal } from '@hope/kernel';
import { AggregateHandlers, CLOCK, CommandMeta, CurrentPrincipal, Roles, type Clock } from '@hope/platform';
import { inboxOf, markInboxItemRead, type InboxDeps } from '../../application/inbox.use-case';
import { inboxes } from '../../domain/inbox/inbox.aggregate';
import { InboxQueries } from '../../projections/inbox/inbox.queries';

export class InboxQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @Matches(/^\d{1,16}$/, { message: 'must be a nextCursor' }) cursor?: string;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ description: 'Only unread items' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class InboxItemParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() itemId!: string;
}

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('me/inbox')
export class InboxHttpController {
  private readonly deps: InboxDeps;

  constructor(aggregates: AggregateHandlers, queries: InboxQueries, @Inject(CLOCK) clock: Clock) {
    this.deps = { inboxes: aggregates.for(inboxes), queries, clock };
  }

  @Get()
  @ApiResponse({ status: 200, description: 'Inbox page: items (newest first), unread count, nextCursor', schema: { type: 'object', additionalProperties: true } })
  @Roles('expert')
  @ApiOperation({
    summary: "The caller's inbox, newest first: matched, confidential-demand and owners' invitations, interview requests; read state and the unread count.",
  })
  inbox(@Query() q: InboxQuery, @CurrentPrincipal() who: Principal) {
    return inboxOf(this.deps, who, { limit: q.limit ?? 20, ...(q.cursor !== undefined ? { cursor: q.cursor } : {}), ...(q.unread ? { unreadOnly: true } : {}) });
  }

  @Post(':itemId/read')
  @ApiResponse({ status: 200, description: 'The item marked read', schema: { type: 'object', additionalProperties: true } })
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: 'Mark one of your inbox items read (again: nothing changes). Items of others are 404.' })
  read(@Param() p: InboxItemParam, @CurrentPrincipal() who: Principal, @CommandMeta() meta: Meta) {
    return markInboxItemRead(this.deps, who, p.itemId, meta);
  }
}
