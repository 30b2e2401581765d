import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import type { ProjectionRunner } from '@hope/eventstore';
import { CLOCK, CurrentPrincipal, PROJECTIONS, Roles, type Clock, type Principal } from '@hope/platform';
import { AccountQueries } from '../../application/account-queries';
import type { Balance } from '../../domain/account/account.balance';
import { readBalance } from '../../projections/balance/balance.projection';
import { readTier } from '../../projections/balance/account-tiers';
import { pointsExpiringBy } from '../../projections/balance/lot-balances';
import { readLedger } from '../../projections/ledger/ledger.projection';
import { assertOwnAccount, ExpertIdParam } from '../account-access';

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
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    private readonly queries: AccountQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':expertId')
  @Roles('expert', 'enterprise', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Balance of an account: available (or debt), pending, reserved, lifetime earned and spent, expiring in the next 30 days; `?asOf=` for a past instant.' })
  async get(@Param() { expertId }: ExpertIdParam, @Query() q: AsOfQuery, @CurrentPrincipal() who: Principal) {
    assertOwnAccount(who, expertId);
    if (q.asOf) {
      const asOf = new Date(q.asOf);
      const then = await this.queries.asOf(expertId, asOf, { after: 0, limit: 1 });
      return { ...balanceView(expertId, then.balance), expiringIn30Days: then.expiringIn30Days, ...then.tier, asOf: asOf.toISOString() };
    }
    // Read models only: no stream read, no fold, whatever the account's history.
    const b = readBalance(this.projections.db, expertId);
    return {
      ...balanceView(expertId, b),
      expiringIn30Days: pointsExpiringBy(this.projections.db, expertId, new Date(this.clock.now().getTime() + 30 * 86_400_000)),
      ...readTier(this.projections.db, expertId),
    };
  }

  @Get(':expertId/explain')
  @Roles('expert', 'enterprise', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'The lots that make up the balance, oldest first: where each came from, what it still holds, when it becomes spendable and when it expires.' })
  explain(@Param() { expertId }: ExpertIdParam, @CurrentPrincipal() who: Principal) {
    assertOwnAccount(who, expertId);
    return this.queries.explain(expertId).then((x) => ({ expertId, at: this.clock.now().toISOString(), ...x }));
  }

  @Get(':expertId/ledger')
  @Roles('expert', 'enterprise', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Every movement of an account, oldest first, with its source and rule version; paged by cursor; `?asOf=` for a past instant.' })
  async ledger(@Param() { expertId }: ExpertIdParam, @Query() q: LedgerQuery, @CurrentPrincipal() who: Principal) {
    assertOwnAccount(who, expertId);
    if (q.asOf) return (await this.queries.asOf(expertId, new Date(q.asOf), { after: q.after ?? 0, limit: q.limit ?? 50 })).ledger;
    return readLedger(this.projections.db, expertId, q.after ?? 0, q.limit ?? 50);
  }
}

const balanceView = (expertId: string, b: Balance) => ({
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
});
