import fc from 'fast-check';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decide';
import type { AccountEvent } from './account.events';
import type { Account } from './account.state';
import { adjust, earn, EXPERT, reserve } from './account.fixtures';
import { DEFAULT_RULES } from '../rules/earning-rules';

/** Random account histories for property tests (the domain's and the read models'). */
export const DAY = 86_400_000;
export const START = Date.UTC(2030, 0, 1);
const ITEMS = ['publish-need', 'expert-interview', 'matchmaking-meeting-seat', 'technical-seminar-seat'];
const RULES = ['clue-submitted', 'plan-submitted', 'plan-shortlisted', 'plan-adopted', 'consultation-completed'];

/** A random history: commands at increasing days; ids drawn from small pools so duplicates and retractions collide. */
const step = fc.oneof(
  fc.record({ k: fc.constant('earn' as const), rule: fc.constantFrom(...RULES), source: fc.integer({ min: 0, max: 30 }), proposal: fc.integer({ min: 0, max: 6 }), pendingDays: fc.constantFrom(0, 14) }),
  fc.record({ k: fc.constant('reserve' as const), item: fc.constantFrom(...ITEMS), id: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ k: fc.constantFrom('capture' as const, 'release' as const), id: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ k: fc.constant('retract' as const), proposal: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ k: fc.constant('adjust' as const), id: fc.integer({ min: 0, max: 5 }), points: fc.integer({ min: -300, max: 300 }).filter((p) => p !== 0) }),
  fc.record({ k: fc.constantFrom('unlock' as const, 'expire' as const, 'timeout' as const) }),
);
export const history = fc.array(fc.tuple(step, fc.integer({ min: 0, max: 60 })), { maxLength: 60 });
export type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toCommand(s: Step, now: Date): AccountCommand {
  const meta = { metadata: { now } };
  switch (s.k) {
    case 'earn':
      return earn({ ruleId: s.rule, source: `s${s.source}`, at: now, rules: { ...DEFAULT_RULES, pendingDays: s.pendingDays, expiry: { kind: 'rolling', months: 3 } }, provenance: { proposalId: `p${s.proposal}` }, lotId: `lot-s${s.source}-${s.rule}` });
    case 'reserve':
      return reserve(s.item, `r${s.id}`, now);
    case 'capture':
      return { type: 'CaptureReservation', data: { expertId: EXPERT, reservationId: `r${s.id}`, by: 'svc', byRole: 'service' }, ...meta };
    case 'release':
      return { type: 'ReleaseReservation', data: { expertId: EXPERT, reservationId: `r${s.id}`, reason: 'cancelled', by: 'svc', byRole: 'service' }, ...meta };
    case 'retract':
      return { type: 'ReverseSource', data: { expertId: EXPERT, sourceEventId: `w${s.proposal}`, sourceType: 'ProposalWithdrawn', retracted: `proposal:p${s.proposal}`, reason: 'withdrawn' }, ...meta };
    case 'adjust':
      return adjust(`a${s.id}`, s.points, now);
    case 'unlock':
      return { type: 'UnlockPoints', data: { expertId: EXPERT }, ...meta };
    case 'expire':
      return { type: 'ExpirePoints', data: { expertId: EXPERT }, ...meta };
    case 'timeout':
      return { type: 'ReleaseTimedOutReservations', data: { expertId: EXPERT }, ...meta };
  }
}

/** The number of days a history's steps span. */
export const daysOf = (steps: readonly [Step, number][]): number => steps.reduce((days, [, gap]) => days + gap, 0);

/**
 * Runs the history; refused commands write nothing. Calls `check` after each accepted command. `time`:
 * when its day 0 is and how long its days are (a denser history has more lots alive at any instant).
 */
export function play(steps: [Step, number][], check: (cmd: AccountCommand, before: Account, events: AccountEvent[], after: Account) => void = () => {}, time = { start: START, day: DAY }) {
  let state = accountDecider.initialState;
  const events: AccountEvent[] = [];
  let day = 0;
  for (const [s, gap] of steps) {
    day += gap;
    const cmd = toCommand(s, new Date(time.start + day * time.day));
    let out: AccountEvent[];
    try {
      out = accountDecider.decide(cmd, state);
    } catch {
      continue;
    }
    const next = out.reduce(accountDecider.evolve, state);
    check(cmd, state, out, next);
    events.push(...out);
    state = next;
  }
  return { state, events };
}
