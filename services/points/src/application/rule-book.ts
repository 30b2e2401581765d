import { DEFAULT_CATALOGUE, type Catalogue } from '../domain/catalogue/redemption-catalogue';
import { DEFAULT_RULES, type RuleSet } from '../domain/rules/earning-rules';

/**
 * Where the rule set and the catalogue in force come from. Today: the defaults (v1), overridable per
 * app (tests). Changing them as events (RulesChanged, CatalogueChanged) is the next step; handlers
 * already read them through this port, and every earning records the version it used.
 */
export const RULE_BOOK = Symbol('RULE_BOOK');

export interface RuleBook {
  current(): RuleSet;
  catalogue(): Catalogue;
}

export const defaultRuleBook: RuleBook = { current: () => DEFAULT_RULES, catalogue: () => DEFAULT_CATALOGUE };
