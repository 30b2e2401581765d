import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Query, Roles } from '@hope/platform';
import { LEADERBOARD_PERIOD } from '../../projections/leaderboard/leaderboard.projection';
import { LeaderboardQueries } from '../../projections/leaderboard/leaderboard.queries';
import { ApiOkResponse } from '@nestjs/swagger';
import { LeaderboardTopResponse } from './leaderboard.response.dto';

export class LeaderboardQuery {
  @ApiPropertyOptional({ description: '`all`, a month `2030-03` or a quarter `2030-Q1`.', default: 'all' })
  @IsOptional()
  @Matches(LEADERBOARD_PERIOD, { message: 'must be all, YYYY-MM or YYYY-Qn' })
  period?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

@ApiTags('leaderboard')
@ApiBearerAuth()
@Controller('leaderboard')
export class LeaderboardHttpController {
  constructor(private readonly leaderboard: LeaderboardQueries) {}

  @Get()
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Top N experts by points earned through rules, overall or in a month or quarter.' })
  @ApiOkResponse({ type: LeaderboardTopResponse })
  top(@Query() q: LeaderboardQuery) {
    const period = q.period ?? 'all';
    return { period, items: this.leaderboard.top(period, q.limit ?? 20) };
  }
}
