import { periodStart, rulesFor, type LimitPeriod, type RuleSet } from '../rules/earning-rules';
import type { SourceObservedData } from './source-facts';

/**
 * What a rule set would have earned over recorded history, by the same rules the account applies
 * (account.decide.ts): per-expert day/week/month limits and once-ever count every earning, reversed or
 * not; a global budget per rule and period; a source retracted before it was earned earns nothing,
 * one retracted after earned and was reversed. Pure: the facts come in, figures go out.
 *
 * Simplifications, said in the README: the draft applies to the whole history (no versions by
 * effectiveFrom), and only facts recorded since recording began exist.
 */
export interface Figures {
  /** Points earned by sources that occurred in the period. */
  earned: number;
  /** What is left of those once later reversals are applied (earned minus reversed). */
  net: number;
}

export interface Simulation {
  readonly byAccount: Map<string, Figures>;
  readonly byRule: Map<string, Figures>;
  readonly total: Figures;
}

const PERIODS: readonly LimitPeriod[] = ['day', 'week', 'month'];
const add = (m: Map<string, Figures>, k: string, earned: number, net: number) => {
  const f = m.get(k) ?? { earned: 0, net: 0 };
  f.earned += earned;
  f.net += net;
  m.set(k, f);
};

/** `facts` ordered by occurredAt: everything recorded before `period.to`. */
export function simulate(ruleSet: Pick<RuleSet, 'rules'>, facts: Iterable<SourceObservedData>, period: { from: Date; to: Date }): Simulation {
  const all = [...facts];
  // Retractions are known up to the end of the period, whichever side of the earning they fall on.
  // Keyed by account and key: the index of the first retracting fact (facts are in occurrence order, ties as recorded).
  const retractedAt = new Map<string, number>();
  all.forEach((f, i) => f.retracts.forEach((r) => retractedAt.has(`${r.expertId}|${r.key}`) || retractedAt.set(`${r.expertId}|${r.key}`, i)));

  const earnings = new Map<string, number[]>(); // `${expertId}|${ruleId}` -> times earned
  const budgets = new Map<string, number>(); // `${ruleId}|${periodStart}` -> points used
  const decided = new Set<string>();
  const sim: Simulation = { byAccount: new Map(), byRule: new Map(), total: { earned: 0, net: 0 } };
  const from = period.from.getTime();
  const to = period.to.getTime();

  for (const [i, f] of all.entries()) {
    const at = Date.parse(f.occurredAt);
    const when = new Date(at);
    for (const { rule, expertId } of rulesFor(ruleSet, f.sourceType, f.data)) {
      const id = `${f.sourceEventId}|${rule.id}|${expertId}`;
      if (decided.has(id)) continue;
      decided.add(id);
      const retractions = f.retractKeys.map((k) => retractedAt.get(`${expertId}|${k}`)).filter((r): r is number => r !== undefined);
      if (retractions.some((r) => r < i)) continue; // retracted before: declined
      const mine = earnings.get(`${expertId}|${rule.id}`) ?? [];
      if (rule.onceEver && mine.length > 0) continue;
      if (PERIODS.some((p) => rule.perExpert?.[p] !== undefined && mine.filter((t) => periodStart(p, new Date(t)) === periodStart(p, when)).length >= rule.perExpert[p]!)) continue;
      if (rule.budget) {
        const key = `${rule.id}|${periodStart(rule.budget.period, when)}`;
        const used = budgets.get(key) ?? 0;
        if (used + rule.points > rule.budget.points) continue;
        budgets.set(key, used + rule.points);
      }
      mine.push(at);
      earnings.set(`${expertId}|${rule.id}`, mine);
      if (at < from || at >= to) continue;
      const net = retractions.length > 0 ? 0 : rule.points;
      add(sim.byAccount, expertId, rule.points, net);
      add(sim.byRule, rule.id, rule.points, net);
      sim.total.earned += rule.points;
      sim.total.net += net;
    }
  }
  return sim;
}
