import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AggregateHandlers, CLOCK, CurrentPrincipal, Idempotent, Roles, type Clock, type Principal } from '@hope/platform';
import { recordDebt, type RecordDebtDeps } from '../../application/record-debt.use-case';
import { accounts } from '../../domain/account/account.aggregate';
import { ExpertIdParam } from '../account-access';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { DebtsRecordResponse } from './debts.response.dto';

export class RecordDebtRequest {
  @ApiProperty({ description: "The owning saga's id (e.g. `consulting:interview-<id>`): the same id again records nothing.", maxLength: 128 })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { message: 'must be letters, digits, _ . : - (at most 128)' })
  debtId!: string;

  @ApiProperty({ minimum: 1, maximum: 100_000 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  points!: number;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

/**
 * A service delivered and its payment was refused (the reservation gone, the points spent elsewhere):
 * the owning service records the price as the payer's debt here, never leaving it free.
 */
@ApiTags('debts')
@ApiBearerAuth()
@Controller('accounts/:expertId/debts')
export class DebtsHttpController {
  private readonly deps: RecordDebtDeps;

  constructor(aggregates: AggregateHandlers, @Inject(CLOCK) clock: Clock) {
    this.deps = { accounts: aggregates.for(accounts), clock };
  }

  @Post()
  @HttpCode(201)
  @Roles('service', 'operator')
  @Idempotent({ required: true })
  @ApiOperation({ summary: 'Record a debt for a service delivered whose payment was refused: taken from the balance now, the rest repaid by the next earnings or grants.' })
  @ApiCreatedResponse({ type: DebtsRecordResponse })
  record(@Param() { expertId }: ExpertIdParam, @Body() body: RecordDebtRequest, @CurrentPrincipal() who: Principal) {
    return recordDebt(this.deps, { who, accountId: expertId, debtId: body.debtId, points: body.points, reason: body.reason });
  }
}
