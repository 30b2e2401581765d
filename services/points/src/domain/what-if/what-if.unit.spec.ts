import { DEFAULT_RULES, type EarningRule } from '../rules/earning-rules';
import type { SourceObservedData } from './source-facts';
import { simulate } from './what-if';

const day = (d: number, h = 10) => new Date(Date.UTC(2030, 2, d, h)).toISOString();
let n = 0;
const clue = (expertId: string, at: string, proposalId = `p${++n}`): SourceObservedData => ({
  sourceEventId: `e${++n}`,
  sourceType: 'ClueSubmitted',
  occurredAt: at,
  data: { expertId, proposalId },
  retractKeys: [`proposal:${proposalId}`],
  retracts: [],
});
const withdrawal = (expertId: string, proposalId: string, at: string): SourceObservedData => ({
  sourceEventId: `e${++n}`,
  sourceType: 'ProposalWithdrawn',
  occurredAt: at,
  data: { expertId, proposalId },
  retractKeys: [],
  retracts: [{ key: `proposal:${proposalId}`, expertId }],
});
const march = { from: new Date(day(1, 0)), to: new Date(day(31, 0)) };
const rules = (rule: Partial<EarningRule>) => ({ rules: [{ ...DEFAULT_RULES.rules[0]!, ...rule }] });

describe('what-if: a draft rule set re-run over recorded facts, by the account\'s own rules', () => {
  it('applies the draft\'s per-expert daily limit', () => {
    const facts = Array.from({ length: 5 }, () => clue('ann', day(2)));
    expect(simulate(rules({ perExpert: { day: 3 } }), facts, march).total).toEqual({ earned: 15, net: 15 });
  });

  it('once-ever counts earnings from before the period, which are not reported', () => {
    const facts = [clue('ann', '2030-02-10T00:00:00.000Z'), clue('ann', day(2))];
    expect(simulate(rules({ onceEver: true, perExpert: {} }), facts, march).total).toEqual({ earned: 0, net: 0 });
  });

  it('a global budget per period caps all experts together', () => {
    const facts = [clue('ann', day(2)), clue('bob', day(2)), clue('cy', day(2))];
    expect(simulate(rules({ budget: { period: 'day', points: 10 } }), facts, march).total).toEqual({ earned: 10, net: 10 });
  });

  it('retracted after earning: earned, then reversed (net 0); retracted before: declined, and no limit used', () => {
    const facts = [withdrawal('ann', 'early', day(2, 9)), clue('ann', day(2), 'early'), clue('ann', day(3), 'late'), withdrawal('ann', 'late', day(4))];
    const sim = simulate(rules({ perExpert: {} }), facts, march);
    expect(sim.total).toEqual({ earned: 5, net: 0 });
    expect(sim.byAccount.get('ann')).toEqual({ earned: 5, net: 0 });
  });

  it('reports only sources that occurred in the period, per account and per rule', () => {
    const facts = [clue('ann', '2030-02-27T00:00:00.000Z'), clue('ann', day(5)), clue('bob', day(6))];
    const sim = simulate(rules({ perExpert: {} }), facts, march);
    expect([...sim.byAccount]).toEqual([
      ['ann', { earned: 5, net: 5 }],
      ['bob', { earned: 5, net: 5 }],
    ]);
    expect([...sim.byRule]).toEqual([['clue-submitted', { earned: 10, net: 10 }]]);
  });
});
