import type { Provenance } from '../account/account.events';
import { periodStart, rulesFor, type EarningRule, type LimitPeriod, type RuleSet } from '../rules/earning-rules';
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

/** What the draft earned (at any time before `to`) or retracted, per account, in fact order: the input of the balance simulation. */
export type DraftMovement =
  | { readonly kind: 'earning'; readonly order: number; readonly at: string; readonly rule: EarningRule; readonly sourceEventId: string; readonly sourceType: string; readonly provenance: Provenance }
  | { readonly kind: 'retraction'; readonly order: number; readonly at: string; readonly key: string; readonly sourceEventId: string; readonly sourceType: string };

export interface DraftHistory extends Simulation {
  readonly movements: Map<string, DraftMovement[]>;
  /** Every source event recorded before `to`: a real earning of any other source is carried over as it was. */
  readonly recordedSources: Set<string>;
}

/** The provenance a fact carries, or one rebuilt from its retraction keys (facts recorded without it). */
const provenanceOf = (f: SourceObservedData): Provenance => {
  if (f.provenance) return f.provenance;
  const p: Record<string, string> = {};
  for (const k of f.retractKeys) {
    const [kind, ...id] = k.split(':');
    if (kind === 'proposal' || kind === 'invitation') p[`${kind}Id`] = id.join(':');
  }
  return p;
};

const PERIODS: readonly LimitPeriod[] = ['day', 'week', 'month'];
const add = (m: Map<string, Figures>, k: string, earned: number, net: number) => {
  const f = m.get(k) ?? { earned: 0, net: 0 };
  f.earned += earned;
  f.net += net;
  m.set(k, f);
};

/** `facts` ordered by occurredAt: everything recorded before `period.to`. */
export function simulate(ruleSet: Pick<RuleSet, 'rules'>, facts: Iterable<SourceObservedData>, period: { from: Date; to: Date }): DraftHistory {
  const all = [...facts];
  // Retractions are known up to the end of the period, whichever side of the earning they fall on.
  // Keyed by account and key: the index of the first retracting fact (facts are in occurrence order, ties as recorded).
  const retractedAt = new Map<string, number>();
  all.forEach((f, i) => f.retracts.forEach((r) => retractedAt.has(`${r.expertId}|${r.key}`) || retractedAt.set(`${r.expertId}|${r.key}`, i)));

  const earnings = new Map<string, number[]>(); // `${expertId}|${ruleId}` -> times earned
  const budgets = new Map<string, number>(); // `${ruleId}|${periodStart}` -> points used
  const decided = new Set<string>();
  const sim: DraftHistory = { byAccount: new Map(), byRule: new Map(), total: { earned: 0, net: 0 }, movements: new Map(), recordedSources: new Set() };
  const movement = (expertId: string, m: DraftMovement) => {
    const list = sim.movements.get(expertId);
    if (list) list.push(m);
    else sim.movements.set(expertId, [m]);
  };
  const from = period.from.getTime();
  const to = period.to.getTime();

  for (const [i, f] of all.entries()) {
    const at = Date.parse(f.occurredAt);
    const when = new Date(at);
    sim.recordedSources.add(f.sourceEventId);
    for (const r of f.retracts) movement(r.expertId, { kind: 'retraction', order: i, at: f.occurredAt, key: r.key, sourceEventId: f.sourceEventId, sourceType: f.sourceType });
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
      movement(expertId, { kind: 'earning', order: i, at: f.occurredAt, rule, sourceEventId: f.sourceEventId, sourceType: f.sourceType, provenance: provenanceOf(f) });
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
