import type { AnyAggregate } from '@hope/kernel';
import { accounts } from './domain/account/account.aggregate';
import { itemQuotas, ruleBudgets } from './domain/quota/quota.aggregate';
import { rulebooks } from './domain/rulebook/rulebook.aggregate';
import { sources } from './domain/what-if/source.aggregate';

export { pointsService } from './points.service';

/** Every aggregate the service writes (its handler names are what keep event ids stable). */
export const pointsAggregates: readonly AnyAggregate[] = [accounts, itemQuotas, ruleBudgets, rulebooks, sources];

/** The earning rules as data and functions, for analysts' tools (`hope verify` recomputes what a source should earn). */
export { DEFAULT_RULES, rulesFor, type RuleSet } from './domain/rules/earning-rules';
export { ruleSetOf, type RulesChangedData } from './domain/rulebook/rulebook.decide';
