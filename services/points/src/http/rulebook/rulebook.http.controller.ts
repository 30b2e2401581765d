import { Body, Controller, Get, Headers, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@hope/kernel';
import { AggregateHandlers, CLOCK, CurrentPrincipal, IDEMPOTENCY_HEADER, IDS, Idempotent, Roles, type Clock, type IdSource, type Principal } from '@hope/platform';
import { changeCatalogue, changeRules, type ChangeRulebookDeps } from '../../application/change-rulebook.use-case';
import { rulebooks } from '../../domain/rulebook/rulebook.aggregate';
import type { RuleSet } from '../../domain/rules/earning-rules';
import { RulebookQueries } from '../../projections/rulebook/rulebook.queries';
import { ChangeCatalogueRequest, ChangeRulesRequest } from './rulebook.request.dto';
import { ApiOkResponse } from '@nestjs/swagger';
import { CatalogueView, RuleSetView } from './rulebook.response.dto';
import { ApiProblems } from '@hope/platform';

/** The earning rules and the catalogue: read by all, changed by operators as events (RulesChanged, CatalogueChanged). */
@ApiTags('rules and catalogue')
@ApiBearerAuth()
@Controller()
export class RulebookHttpController {
  private readonly deps: ChangeRulebookDeps;

  constructor(
    aggregates: AggregateHandlers,
    private readonly rules: RulebookQueries,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) ids: IdSource,
  ) {
    this.deps = { rulebook: aggregates.for(rulebooks), rules, clock, newId: () => ids.next() };
  }

  @Get('catalogue')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'What points buy, with prices and limits, and how long a reservation waits for capture.' })
  @ApiOkResponse({ type: CatalogueView })
  catalogue() {
    return this.rules.catalogue();
  }

  @Get('rules')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'The latest earning rule set, with its version and the instant it takes effect.' })
  @ApiOkResponse({ type: RuleSetView })
  ruleSet() {
    return this.rules.current();
  }

  @Get('rules/versions/:version')
  @Roles('expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'A past rule set: what the ledger\'s `ruleVersion` refers to.' })
  @ApiOkResponse({ type: RuleSetView })
  @ApiProblems({ status: 404, code: 'POINTS.RULE_VERSION_NOT_FOUND', detail: 'No rule set version 7' })
  ruleSetVersion(@Param('version', ParseIntPipe) version: number): RuleSet {
    const found = this.rules.version(version);
    if (!found) throw new NotFoundError('POINTS.RULE_VERSION_NOT_FOUND', `No rule set version ${version}`);
    return found;
  }

  @Put('rules')
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Replace the earning rule set (a new version, written as RulesChanged). The same content again is a no-op.' })
  @ApiOkResponse({ type: RuleSetView })
  @ApiProblems({ status: 409, code: 'POINTS.VERSION_MISMATCH', detail: 'The rule set is at version 3, not 2: read it again and retry' }, { status: 400, code: 'POINTS.INVALID_RULEBOOK' })
  changeRules(@Body() body: ChangeRulesRequest, @CurrentPrincipal() who: Principal, @Headers(IDEMPOTENCY_HEADER) key?: string) {
    const { effectiveFrom, expectedVersion, reason, ...ruleSet } = body;
    return changeRules(this.deps, { who, ruleSet: plain(ruleSet), reason, ...(effectiveFrom ? { effectiveFrom } : {}), ...(expectedVersion ? { expectedVersion } : {}), ...(key !== undefined ? { idempotencyKey: key } : {}) });
  }

  @Put('catalogue')
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Replace the redemption catalogue (a new version, written as CatalogueChanged). Existing reservations keep their price.' })
  @ApiOkResponse({ type: CatalogueView })
  @ApiProblems({ status: 409, code: 'POINTS.VERSION_MISMATCH', detail: 'The catalogue is at version 3, not 2: read it again and retry' }, { status: 400, code: 'POINTS.INVALID_RULEBOOK' })
  changeCatalogue(@Body() body: ChangeCatalogueRequest, @CurrentPrincipal() who: Principal, @Headers(IDEMPOTENCY_HEADER) key?: string) {
    const { expectedVersion, reason, ...catalogue } = body;
    return changeCatalogue(this.deps, { who, catalogue: plain(catalogue), reason, ...(expectedVersion ? { expectedVersion } : {}), ...(key !== undefined ? { idempotencyKey: key } : {}) });
  }
}

/** DTO instances to plain data (the decider compares bodies as JSON; undefined fields must not count). */
const plain = <T>(dto: T): T => JSON.parse(JSON.stringify(dto)) as T;
