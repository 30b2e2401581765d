import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@hope/platform';
import { RULE_BOOK, type RuleBook } from '../../application/rule-book';

@ApiTags('redemptions')
@ApiBearerAuth()
@Controller()
export class CatalogueHttpController {
  constructor(@Inject(RULE_BOOK) private readonly rules: RuleBook) {}

  @Get('catalogue')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'What points buy, with prices and limits, and how long a reservation waits for capture.' })
  catalogue() {
    return this.rules.catalogue();
  }

  @Get('rules')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'The earning rule set in force, with its version.' })
  ruleSet() {
    return this.rules.current();
  }
}
