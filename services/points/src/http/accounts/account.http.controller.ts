import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ProjectionRunner } from '@hope/eventstore';
import { CurrentPrincipal, PROJECTIONS, Roles, type Principal } from '@hope/platform';
import { readBalance } from '../../projections/balance/balance.projection';
import { readLedger } from '../../projections/ledger/ledger.projection';
import { assertOwnAccount, ExpertIdParam } from '../account-access';

export class LedgerQuery {
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
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionRunner) {}

  @Get(':expertId')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Balance of an account: available (or debt), pending, reserved, lifetime earned and spent.' })
  get(@Param() { expertId }: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    assertOwnAccount(who, expertId);
    const b = readBalance(this.projections.db, expertId);
    return {
      expertId,
      available: Math.max(0, b.available),
      debt: Math.max(0, -b.available),
      pending: b.pending,
      reserved: b.reserved,
      lifetimeEarned: b.earned + Math.max(0, b.adjusted),
      lifetimeSpent: b.spent,
      expired: b.expired,
      reversed: b.reversed,
      adjusted: b.adjusted,
    };
  }

  @Get(':expertId/ledger')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Every movement of an account, oldest first, with its source and rule version; paged by cursor.' })
  ledger(@Param() { expertId }: ExpertIdParam, @Query() q: LedgerQuery, @CurrentPrincipal() who: Principal) {
    assertOwnAccount(who, expertId);
    return readLedger(this.projections.db, expertId, q.after ?? 0, q.limit ?? 50);
  }
}
