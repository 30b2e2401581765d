import { aggregate } from '@hope/kernel';
import { itemQuotaStream } from '../catalogue/redemption-catalogue';
import { RULE_BUDGET_STREAM_PREFIX } from '../rules/earning-rules';
import { quotaDecider } from './quota.decide';

const quotaHandlerNames = { ClaimQuota: 'points.quota.claim', ReleaseQuota: 'points.quota.release' } as const;

/** An item's total redemptions (`item-quota-<itemId>`): one slot per open or captured reservation. */
export const itemQuotas = aggregate({
  name: 'points.item-quota',
  streamOf: (itemId: string) => itemQuotaStream(itemId),
  decider: quotaDecider,
  handlerNames: quotaHandlerNames,
});

/** A rule's global budget for one period (`rule-budget-<ruleId>-<period start>`, see `budgetId`). */
export const ruleBudgets = aggregate({
  name: 'points.rule-budget',
  streamOf: (budgetId: string) => `${RULE_BUDGET_STREAM_PREFIX}${budgetId}`,
  decider: quotaDecider,
  handlerNames: quotaHandlerNames,
});
