import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { CommandMeta as Meta, Principal } from '@hope/kernel';
import { AggregateHandlers, ApiProblems, BAD_CURSOR_PROBLEM, CLOCK, CommandMeta, CurrentPrincipal, PagingCursorParam, Query, Roles, type Clock } from '@hope/platform';
import { INBOX_CURSOR } from '../paging-cursors';
import { inboxOf, markInboxItemRead, type InboxDeps } from '../../application/inbox.use-case';
import { inboxes } from '../../domain/inbox/inbox.aggregate';
import { InboxQueries } from '../../projections/inbox/inbox.queries';
import { InboxItemView, InboxPageView } from './inbox.response.dto';
import { INBOX_ITEM_NOT_FOUND } from '../matching.problems';

export class InboxQuery {
  @PagingCursorParam() cursor?: string;
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
  @ApiOkResponse({ type: InboxPageView, description: 'A page of the inbox, newest first, with the unread count of the whole inbox' })
  @Roles('expert')
  @ApiOperation({
    summary: "The caller's inbox, newest first: matched, confidential-demand and owners' invitations, interview requests; read state and the unread count.",
  })
  @ApiProblems(BAD_CURSOR_PROBLEM)
  inbox(@Query() q: InboxQuery, @CurrentPrincipal() who: Principal): InboxPageView {
    // The read model counts positions as decimal strings; the caller sees them in the tagged cursor.
    const page = inboxOf(this.deps, who, { limit: q.limit ?? 20, ...(q.cursor !== undefined ? { cursor: String(INBOX_CURSOR.decode(q.cursor)) } : {}), ...(q.unread ? { unreadOnly: true } : {}) });
    const { nextCursor, ...rest } = page;
    return { ...rest, ...(nextCursor !== undefined ? { nextCursor: INBOX_CURSOR.encode(Number(nextCursor)) } : {}) };
  }

  @Post(':itemId/read')
  @ApiOkResponse({ type: InboxItemView, description: 'The item, marked read' })
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: 'Mark one of your inbox items read (again: nothing changes). Items of others are 404.' })
  @ApiProblems(INBOX_ITEM_NOT_FOUND)
  read(@Param() p: InboxItemParam, @CurrentPrincipal() who: Principal, @CommandMeta() meta: Meta): Promise<InboxItemView> {
    return markInboxItemRead(this.deps, who, p.itemId, meta);
  }
}
