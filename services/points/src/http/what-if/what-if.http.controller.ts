import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ValidationError } from '@hope/kernel';
import { Roles } from '@hope/platform';
import { WhatIfQuery } from '../../application/what-if.query';
import { checkRules } from '../../domain/rulebook/rulebook.decide';
import { EXPERT_ID_PATTERN } from '../account-access';
import { RuleSetDto } from '../rulebook/rulebook.request.dto';

export class PeriodDto {
  @ApiProperty({ description: 'ISO instant, inclusive: sources that occurred from then on.' }) @IsISO8601({ strict: true }) from!: string;
  @ApiProperty({ description: 'ISO instant, exclusive.' }) @IsISO8601({ strict: true }) to!: string;
}

export class WhatIfRequestDto {
  @ApiProperty({ type: RuleSetDto, description: 'A draft rule set, the same shape as PUT /rules.' }) @ValidateNested() @Type(() => RuleSetDto) draft!: RuleSetDto;
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @ApiPropertyOptional({ description: 'Only these accounts (the simulation still runs over everyone, for budgets).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(EXPERT_ID_PATTERN, { each: true, message: 'each must be an expert id' })
  expertIds?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Accounts listed (largest differences first); totals cover all.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

const MAX_PERIOD_DAYS = 3660;

@ApiTags('what-if')
@ApiBearerAuth()
@Controller('what-if')
export class WhatIfHttpController {
  constructor(private readonly whatIf: WhatIfQuery) {}

  @Post()
  @HttpCode(200)
  @Roles('operator', 'analyst')
  @ApiOperation({ summary: 'Re-run a draft rule set over the recorded source events of a period and compare with what was really earned. Writes nothing.' })
  run(@Body() body: WhatIfRequestDto) {
    const from = new Date(body.period.from);
    const to = new Date(body.period.to);
    if (from.getTime() >= to.getTime()) throw new ValidationError('POINTS.INVALID_PERIOD', 'The period must end after it starts', [{ field: 'period.to', reason: 'must be after period.from' }]);
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw new ValidationError('POINTS.INVALID_PERIOD', `At most ${MAX_PERIOD_DAYS} days`, [{ field: 'period.to', reason: `at most ${MAX_PERIOD_DAYS} days after period.from` }]);
    const draft = JSON.parse(JSON.stringify(body.draft)) as RuleSetDto;
    try {
      checkRules(draft);
    } catch (error) {
      // The same checks as PUT /rules, reported under `draft.`.
      if (error instanceof ValidationError) throw new ValidationError(error.code, error.message, error.fields.map((f) => ({ ...f, field: `draft.${f.field}` })));
      throw error;
    }
    return this.whatIf.run({ ruleSet: draft, from, to, ...(body.expertIds ? { expertIds: body.expertIds } : {}), limit: body.limit ?? 100 });
  }
}
