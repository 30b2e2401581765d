import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { CurrentPrincipal, Query, Roles, type Principal } from '@hope/platform';
import { AccountQueries } from '../../application/account-queries';
import { ExpertIdParam } from '../account-access';
import { ApiOkResponse } from '@nestjs/swagger';
import { LotsExplainedView, AccountBalanceView, LedgerPageView } from './account.response.dto';
import { ApiProblems } from '@hope/platform';

export class AsOfQuery {
  @ApiPropertyOptional({ description: 'An ISO instant: the answer as it was then, computed from the events recorded before it.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class LedgerQuery extends AsOfQuery {
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountHttpController {
  constructor(private readonly queries: AccountQueries) {}

  @Get(':expertId')
  @Roles('expert', 'enterprise', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Balance of an account: available (or debt), pending, reserved, lifetime earned and spent, expiring in the next 30 days; `?asOf=` for a past instant.' })
  @ApiOkResponse({ type: AccountBalanceView })
  @ApiProblems({ status: 403, code: 'POINTS.NOT_YOUR_ACCOUNT', detail: 'An expert may only use their own account' })
  get(@Param() { expertId }: ExpertIdParam, @Query() q: AsOfQuery, @CurrentPrincipal() who: Principal) {
    return this.queries.balance(who, expertId, q.asOf ? new Date(q.asOf) : undefined);
  }

  @Get(':expertId/explain')
  @Roles('expert', 'enterprise', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'The lots that make up the balance, oldest first: where each came from, what it still holds, when it becomes spendable and when it expires.' })
  @ApiOkResponse({ type: LotsExplainedView })
  @ApiProblems({ status: 403, code: 'POINTS.NOT_YOUR_ACCOUNT', detail: 'An expert may only use their own account' })
  explain(@Param() { expertId }: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    return this.queries.explain(who, expertId);
  }

  @Get(':expertId/ledger')
  @Roles('expert', 'enterprise', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Every movement of an account, oldest first, with its source and rule version; paged by cursor; `?asOf=` for a past instant.' })
  @ApiOkResponse({ type: LedgerPageView })
  @ApiProblems({ status: 403, code: 'POINTS.NOT_YOUR_ACCOUNT', detail: 'An expert may only use their own account' })
  ledger(@Param() { expertId }: ExpertIdParam, @Query() q: LedgerQuery, @CurrentPrincipal() who: Principal) {
    return this.queries.ledger(who, expertId, { after: q.after ?? 0, limit: q.limit ?? 50, ...(q.asOf ? { asOf: new Date(q.asOf) } : {}) });
  }
}
