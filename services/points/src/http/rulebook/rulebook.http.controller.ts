import { Body, Controller, Get, Headers, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, CurrentPrincipal, IDEMPOTENCY_HEADER, IDS, Idempotent, NotFoundError, Roles, type Clock, type IdSource, type Principal } from '@hope/platform';
import { RULE_BOOK, type RuleBook } from '../../application/rule-book';
import { RulebookCommands } from '../../application/rulebook-commands';
import type { RuleSet } from '../../domain/rules/earning-rules';
import { ChangeCatalogueRequest, ChangeRulesRequest } from './rulebook.request.dto';

/** The earning rules and the catalogue: read by all, changed by operators as events (RulesChanged, CatalogueChanged). */
@ApiTags('rules and catalogue')
@ApiBearerAuth()
@Controller()
export class RulebookHttpController {
  constructor(
    private readonly commands: RulebookCommands,
    @Inject(RULE_BOOK) private readonly rules: RuleBook,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {}

  @Get('catalogue')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'What points buy, with prices and limits, and how long a reservation waits for capture.' })
  catalogue() {
    return this.rules.catalogue();
  }

  @Get('rules')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'The latest earning rule set, with its version and the instant it takes effect.' })
  ruleSet() {
    return this.rules.current();
  }

  @Get('rules/versions/:version')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'A past rule set: what the ledger\'s `ruleVersion` refers to.' })
  ruleSetVersion(@Param('version', ParseIntPipe) version: number): RuleSet {
    const found = this.rules.version(version);
    if (!found) throw new NotFoundError('POINTS.RULE_VERSION_NOT_FOUND', `No rule set version ${version}`);
    return found;
  }

  @Put('rules')
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Replace the earning rule set (a new version, written as RulesChanged). The same content again is a no-op.' })
  async changeRules(@Body() body: ChangeRulesRequest, @CurrentPrincipal() who: Principal, @Headers(IDEMPOTENCY_HEADER) key?: string) {
    const { effectiveFrom, expectedVersion, reason, ...ruleSet } = body;
    await this.commands.run(
      {
        type: 'ChangeRules',
        data: { ruleSet: plain(ruleSet), reason, by: who.subject, ...(effectiveFrom ? { effectiveFrom: new Date(effectiveFrom) } : {}), ...(expectedVersion ? { expectedVersion } : {}) },
        metadata: { now: this.clock.now() },
      },
      { commandId: key ?? this.ids.next(), handler: 'points.rules.change' },
    );
    return this.rules.current();
  }

  @Put('catalogue')
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Replace the redemption catalogue (a new version, written as CatalogueChanged). Existing reservations keep their price.' })
  async changeCatalogue(@Body() body: ChangeCatalogueRequest, @CurrentPrincipal() who: Principal, @Headers(IDEMPOTENCY_HEADER) key?: string) {
    const { expectedVersion, reason, ...catalogue } = body;
    await this.commands.run(
      { type: 'ChangeCatalogue', data: { catalogue: plain(catalogue), reason, by: who.subject, ...(expectedVersion ? { expectedVersion } : {}) }, metadata: { now: this.clock.now() } },
      { commandId: key ?? this.ids.next(), handler: 'points.catalogue.change' },
    );
    return this.rules.catalogue();
  }
}

/** DTO instances to plain data (the decider compares bodies as JSON; undefined fields must not count). */
const plain = <T>(dto: T): T => JSON.parse(JSON.stringify(dto)) as T;
