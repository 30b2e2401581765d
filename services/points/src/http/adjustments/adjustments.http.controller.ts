import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsNotIn, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CLOCK, CurrentPrincipal, Idempotent, Roles, type Clock, type Principal } from '@hope/platform';
import { AccountCommands } from '../../application/account-commands';
import { RULE_BOOK, type RuleBook } from '../../application/rule-book';
import { availablePoints } from '../../domain/account/account.state';
import { ExpertIdParam } from '../account-access';

export class AdjustRequest {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client: a retry with the same id is a no-op.' })
  @IsUUID()
  adjustmentId!: string;

  @ApiProperty({ description: 'Positive grants, negative revokes.', minimum: -100_000, maximum: 100_000 })
  @IsInt()
  @Min(-100_000)
  @Max(100_000)
  @IsNotIn([0], { message: 'must not be 0' })
  points!: number;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

@ApiTags('adjustments')
@ApiBearerAuth()
@Controller('accounts/:expertId/adjustments')
export class AdjustmentsHttpController {
  constructor(
    private readonly commands: AccountCommands,
    @Inject(RULE_BOOK) private readonly rules: RuleBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: "An operator grants or revokes points by hand, with a reason; recorded with the operator's identity." })
  async adjust(@Param() { expertId }: ExpertIdParam, @Body() body: AdjustRequest, @CurrentPrincipal() who: Principal) {
    const result = await this.commands.runAndWait(
      {
        type: 'AdjustPoints',
        data: { expertId, adjustmentId: body.adjustmentId, points: body.points, reason: body.reason, by: who.subject, expiry: this.rules.current().expiry },
        metadata: { now: this.clock.now() },
      },
      // The body is part of the command id: the same id with another amount must reach the decider and be refused.
      { commandId: `${body.adjustmentId}:${body.points}:${body.reason}`, handler: 'points.adjust' },
    );
    return { adjustmentId: body.adjustmentId, points: body.points, available: Math.max(0, availablePoints(result.state)), debt: result.state.debt };
  }
}
