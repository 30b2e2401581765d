import { ValidationError } from '@hope/kernel';
import { retractionKeys } from '../domain/account/account.commands';
import { checkRules } from '../domain/rulebook/rulebook.decide';
import type { RuleSet } from '../domain/rules/earning-rules';
import { realFigures, simulateBalance } from '../domain/what-if/balance-simulation';
import { simulate, type DraftHistory, type Figures, type Simulation } from '../domain/what-if/what-if';
import type { LedgerQueries } from '../projections/ledger/ledger.queries';
import type { SourceQueries } from '../projections/sources/sources.queries';

export interface WhatIfRequest {
  readonly ruleSet: Pick<RuleSet, 'rules' | 'pendingDays' | 'expiry'>;
  readonly from: Date;
  readonly to: Date;
  readonly expertIds?: readonly string[];
  readonly limit: number;
}

const zero = (): Figures => ({ earned: 0, net: 0 });
const MAX_PERIOD_DAYS = 3660;

/** A what-if as asked over HTTP: validated here (the period, and the draft with the same checks as PUT /rules, reported under `draft.`). */
export function checkedWhatIf(input: { draft: WhatIfRequest['ruleSet']; from: string; to: string; expertIds?: readonly string[]; limit?: number }): WhatIfRequest {
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (from.getTime() >= to.getTime()) throw new ValidationError('POINTS.INVALID_PERIOD', 'The period must end after it starts', [{ field: 'period.to', reason: 'must be after period.from' }]);
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw new ValidationError('POINTS.INVALID_PERIOD', `At most ${MAX_PERIOD_DAYS} days`, [{ field: 'period.to', reason: `at most ${MAX_PERIOD_DAYS} days after period.from` }]);
  try {
    checkRules(input.draft);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.code, error.message, error.fields.map((f) => ({ ...f, field: `draft.${f.field}` })));
    throw error;
  }
  return { ruleSet: input.draft, from, to, ...(input.expertIds ? { expertIds: input.expertIds } : {}), limit: input.limit ?? 100 };
}

/**
 * What-if: a draft rule set re-run over the recorded source facts of a period, beside what the
 * ledger really holds for the same period; for each listed account, its balance at the end of the
 * period, real (the movements that happened before it) and simulated (balance-simulation.ts).
 * Reads the read models only: nothing is written.
 */
export class WhatIfQuery {
  constructor(
    private readonly ledger: LedgerQueries,
    private readonly sources: SourceQueries,
  ) {}

  run(q: WhatIfRequest) {
    const draft = simulate(q.ruleSet, this.sources.factsBefore(q.to), { from: q.from, to: q.to });
    const real = this.real(q.from, q.to);
    const wanted = q.expertIds ? new Set(q.expertIds) : undefined;
    const ids = [...new Set([...draft.byAccount.keys(), ...real.byAccount.keys(), ...(q.expertIds ?? [])])].filter((id) => !wanted || wanted.has(id));
    const accounts = ids.map((expertId) => {
      const r = real.byAccount.get(expertId) ?? zero();
      const d = draft.byAccount.get(expertId) ?? zero();
      return { expertId, real: r, draft: d, delta: d.net - r.net };
    });
    accounts.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.expertId < b.expertId ? -1 : 1));
    const sum = (xs: Figures[]) => xs.reduce((t, f) => ({ earned: t.earned + f.earned, net: t.net + f.net }), zero());
    const rules = [...new Set([...draft.byRule.keys(), ...real.byRule.keys()])].sort();
    const since = this.sources.recordingSince();
    return {
      period: { from: q.from.toISOString(), to: q.to.toISOString() },
      coverage: { sourcesRecordedSince: since ?? null, complete: since !== undefined && since <= q.from.toISOString() },
      totals: wanted ? { real: sum(accounts.map((a) => a.real)), draft: sum(accounts.map((a) => a.draft)) } : { real: real.total, draft: draft.total },
      byRule: rules.map((ruleId) => ({ ruleId, real: real.byRule.get(ruleId) ?? zero(), draft: draft.byRule.get(ruleId) ?? zero() })),
      accounts: accounts.slice(0, q.limit).map((a) => this.withBalances(a, q, draft)),
      accountsCompared: accounts.length,
    };
  }

  /** The account's balance at `to`, real and under the draft (the delta of the two available figures too). */
  private withBalances<A extends { expertId: string; real: Figures; draft: Figures }>(a: A, q: WhatIfRequest, draft: DraftHistory) {
    const movements = this.ledger.movementsBefore(a.expertId, q.to);
    const real = realFigures(movements);
    const simulated = simulateBalance({ expertId: a.expertId, policy: q.ruleSet, draft: draft.movements.get(a.expertId) ?? [], real: movements, recordedSources: draft.recordedSources, to: q.to });
    return { ...a, real: { ...a.real, balance: real }, draft: { ...a.draft, balance: simulated }, balanceDelta: simulated.available - simulated.debt - (real.available - real.debt) };
  }

  /** What the ledger holds: earnings of sources that occurred in the period, net of reversals recorded before `to`. */
  private real(from: Date, to: Date): Simulation {
    const reversed = new Set<string>();
    for (const e of this.ledger.reversalsBefore(to)) reversed.add(`${e.expertId}|${e.retracted}`);
    const sim: Simulation = { byAccount: new Map(), byRule: new Map(), total: zero() };
    const add = (m: Map<string, Figures>, k: string, earned: number, net: number) => {
      const f = m.get(k) ?? zero();
      m.set(k, { earned: f.earned + earned, net: f.net + net });
    };
    for (const e of this.ledger.earningsBetween(from, to)) {
      const net = retractionKeys(e.provenance).some((k) => reversed.has(`${e.expertId}|${k}`)) ? 0 : e.points;
      add(sim.byAccount, e.expertId, e.points, net);
      add(sim.byRule, e.ruleId, e.points, net);
      sim.total.earned += e.points;
      sim.total.net += net;
    }
    return sim;
  }
}
