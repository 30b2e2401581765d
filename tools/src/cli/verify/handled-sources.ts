import type { EventStore } from '@hope/eventstore';
import { DEFAULT_RULES, ruleSetOf, rulesFor, type RuleSet, type RulesChangedData } from '@hope/points';
import type { Finding } from './checks';
import type { PointsLedger } from './points-ledger';

/** A source event points observed (SourceObserved): what it should have earned is recomputable from it. */
interface Observed {
  readonly sourceEventId: string;
  readonly sourceType: string;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
}

export interface HandledSources {
  readonly observed: readonly Observed[];
  /** Rule sets by version, newest first. */
  readonly ruleSets: readonly RuleSet[];
}

/** Reads the sources points observed and the rule sets it was given, from points' own store. */
export async function readHandledSources(store: EventStore): Promise<HandledSources> {
  const observed: Observed[] = [];
  const ruleSets: RuleSet[] = [];
  for await (const e of store.readAll({ filter: { eventTypes: ['SourceObserved', 'RulesChanged'] } })) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'RulesChanged') ruleSets.push(ruleSetOf(d as unknown as RulesChangedData));
    else observed.push({ sourceEventId: String(d.sourceEventId), sourceType: String(d.sourceType), occurredAt: String(d.occurredAt), data: (d.data ?? {}) as Record<string, unknown> });
  }
  ruleSets.sort((a, b) => b.version - a.version);
  return { observed, ruleSets };
}

/** The rule set in force at an instant, as points chose it when it earned (the newest version effective by then). */
const ruleSetAt = (ruleSets: readonly RuleSet[], at: string): RuleSet => ruleSets.find((r) => (r.effectiveFrom ?? '') <= at) ?? DEFAULT_RULES;

/**
 * Lost and doubled earnings: every (source, rule, expert) that the rules in force gave an observed source
 * must end in exactly one PointsEarned or in an EarningDeclined (a limit, a budget, a retraction);
 * neither is SOURCE_UNHANDLED (an earning lost, e.g. to a dead letter), more than one earning is
 * EARNED_TWICE whatever its lot id.
 */
export function checkHandledSources(ledger: PointsLedger, handled: HandledSources): Finding[] {
  const findings: Finding[] = [];
  const keyOf = (expertId: string, sourceEventId: string, ruleId: string) => `${expertId} ${sourceEventId} ${ruleId}`;
  const earned = new Map<string, { eventId: string; lotId: string }[]>();
  for (const e of ledger.earnings) {
    const key = keyOf(e.expertId, e.sourceEventId, e.ruleId);
    earned.set(key, [...(earned.get(key) ?? []), { eventId: e.eventId, lotId: e.lotId }]);
  }
  const declined = new Set(ledger.declines.map((d) => keyOf(d.expertId, d.sourceEventId, d.ruleId)));
  for (const [key, earnings] of earned) {
    // The same lot twice is reported by checkEarnings; here, one source earning under one rule as several lots.
    if (new Set(earnings.map((e) => e.lotId)).size < 2) continue;
    const [expertId = '', sourceEventId = '', ruleId = ''] = key.split(' ');
    findings.push({ code: 'EARNED_TWICE', message: `${sourceEventId} earned ${earnings.length} times under rule ${ruleId}, as different lots`, ids: { expertId, sourceEventId, ruleId, eventId: earnings[1]!.eventId } });
  }
  for (const o of handled.observed) {
    for (const { rule, expertId } of rulesFor(ruleSetAt(handled.ruleSets, o.occurredAt), o.sourceType, o.data)) {
      const key = keyOf(expertId, o.sourceEventId, rule.id);
      if (!earned.has(key) && !declined.has(key)) {
        findings.push({ code: 'SOURCE_UNHANDLED', message: `${o.sourceType} should earn ${rule.points} points under rule ${rule.id}: neither earned nor declined`, ids: { expertId, sourceEventId: o.sourceEventId, ruleId: rule.id } });
      }
    }
  }
  return findings;
}
