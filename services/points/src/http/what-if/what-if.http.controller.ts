import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Roles } from '@hope/platform';
import { checkedWhatIf, WhatIfQuery } from '../../application/what-if.query';
import { EXPERT_ID_PATTERN } from '../account-access';
import { RuleSetDto } from '../rulebook/rulebook.request.dto';
import { ApiOkResponse } from '@nestjs/swagger';
import { WhatIfRunResponse } from './what-if.response.dto';
import { ApiProblems } from '@hope/platform';

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

@ApiTags('what-if')
@ApiBearerAuth()
@Controller('what-if')
export class WhatIfHttpController {
  constructor(private readonly whatIf: WhatIfQuery) {}

  @Post()
  @HttpCode(200)
  @Roles('operator', 'analyst')
  @ApiOperation({ summary: 'Re-run a draft rule set over the recorded source events of a period and compare with what was really earned. Writes nothing.' })
  @ApiOkResponse({ type: WhatIfRunResponse })
  @ApiProblems({ status: 400, code: 'POINTS.INVALID_PERIOD' }, { status: 400, code: 'POINTS.INVALID_RULEBOOK', detail: 'Invalid rules.0.points: must be a positive integer', fields: [{ field: 'rules.0.points', reason: 'must be a positive integer' }] })
  run(@Body() body: WhatIfRequestDto) {
    // DTO instances to plain data: the draft is checked and simulated as data.
    const draft = JSON.parse(JSON.stringify(body.draft)) as RuleSetDto;
    return this.whatIf.run(checkedWhatIf({ draft, from: body.period.from, to: body.period.to, ...(body.expertIds ? { expertIds: body.expertIds } : {}), ...(body.limit !== undefined ? { limit: body.limit } : {}) }));
  }
}
