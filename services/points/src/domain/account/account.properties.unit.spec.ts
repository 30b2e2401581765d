import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { RecordedEvent } from '@hope/eventstore';
import { accountAsOf } from '../../application/account-queries';
import { readTier } from '../../projections/balance/account-tiers';
import { balanceProjection, readBalance } from '../../projections/balance/balance.projection';
import { ledgerProjection, readLedger } from '../../projections/ledger/ledger.projection';
import { pointsExpiringBy, readDebt } from '../../projections/balance/lot-balances';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decide';
import { applyMovement, emptyBalance } from './account.balance';
import type { AccountEvent } from './account.events';
import { availablePoints, oldestFirst, pendingPoints, reservedPoints, type Account } from './account.state';
import { adjust, earn, EXPERT, reserve } from './account.fixtures';
import { DEFAULT_RULES } from '../rules/earning-rules';

const DAY = 86_400_000;
const START = Date.UTC(2030, 0, 1);
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
const history = fc.array(fc.tuple(step, fc.integer({ min: 0, max: 60 })), { maxLength: 60 });
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toCommand(s: Step, now: Date): AccountCommand {
  const meta = { metadata: { now } };
  switch (s.k) {
    case 'earn':
      return earn({ ruleId: s.rule, source: `s${s.source}`, at: now, rules: { ...DEFAULT_RULES, pendingDays: s.pendingDays, expiry: { kind: 'rolling', months: 3 } }, provenance: { proposalId: `p${s.proposal}` }, lotId: `lot-s${s.source}-${s.rule}` });
    case 'reserve':
      return reserve(s.item, `r${s.id}`, now);
    case 'capture':
      return { type: 'CaptureReservation', data: { expertId: EXPERT, reservationId: `r${s.id}`, by: 'svc' }, ...meta };
    case 'release':
      return { type: 'ReleaseReservation', data: { expertId: EXPERT, reservationId: `r${s.id}`, reason: 'cancelled', by: 'svc' }, ...meta };
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

/** Runs the history; refused commands write nothing. Calls `check` after each accepted command. */
function play(steps: [Step, number][], check: (cmd: AccountCommand, before: Account, events: AccountEvent[], after: Account) => void = () => {}) {
  let state = accountDecider.initialState;
  const events: AccountEvent[] = [];
  let day = 0;
  for (const [s, gap] of steps) {
    day += gap;
    const cmd = toCommand(s, new Date(START + day * DAY));
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

describe('ledger invariants (property-based)', () => {
  it('the balance is the sum of the movements: lots minus debt equal available, pending and reserved', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { state, events } = play(steps);
        const b = events.reduce(applyMovement, emptyBalance);
        expect({ available: availablePoints(state), pending: pendingPoints(state), reserved: reservedPoints(state) }).toEqual({ available: b.available, pending: b.pending, reserved: b.reserved });
        expect(b.available).toBe(b.earned + b.adjusted - b.pending - b.spent - b.reserved - b.expired - b.reversed);
        // While there is a debt nothing is spendable: the debt is what available lacks below zero.
        expect(state.debt > 0 ? state.lots.values().every((l) => l.pending || l.remaining === 0) : true).toBe(true);
        expect(state.debt).toBe(Math.max(0, -availablePoints(state)));
      }),
      {
        numRuns: 300,
        // Found by this property: a reversal's debt must be repaid at once from other spendable lots.
        examples: [[[[{ k: 'adjust', id: 0, points: -1 }, 0], [{ k: 'earn', rule: 'clue-submitted', source: 0, proposal: 4, pendingDays: 0 }, 0], [{ k: 'adjust', id: 1, points: 1 }, 0], [{ k: 'retract', proposal: 4 }, 0]]]] as never,
      },
    );
  });

  it('spending never makes available negative', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cmd, _before, events, after) => {
          if (cmd.type === 'ReservePoints' && events.length > 0) expect(availablePoints(after)).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('spending takes the oldest spendable lots first', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cmd, before, events) => {
          const e = events[0];
          if (cmd.type !== 'ReservePoints' || e?.type !== 'PointsReserved') return;
          const now = cmd.metadata.now.getTime();
          const spendable = oldestFirst(before.lots).filter((l) => !l.pending && l.remaining > 0 && Date.parse(l.expiresAt) > now);
          // The lots taken are a prefix of the spendable lots in age order, each emptied except the last.
          expect(e.data.lots.map((l) => l.lotId)).toEqual(spendable.slice(0, e.data.lots.length).map((l) => l.lotId));
          e.data.lots.slice(0, -1).forEach((m, i) => expect(m.points).toBe(spendable[i]!.remaining));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('expiry writes off exactly the lots past their date, and leaves younger lots alone', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cmd, before, _events, after) => {
          if (cmd.type !== 'ExpirePoints') return;
          const now = cmd.metadata.now.getTime();
          for (const lot of after.lots) {
            const was = before.lots.values().find((l) => l.lotId === lot.lotId)!;
            if (Date.parse(lot.expiresAt) <= now) expect(lot.remaining).toBe(0);
            else expect(lot.remaining).toBe(was.remaining);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('every command applied twice has the effect of once (redelivery, retry)', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cmd, _before, _events, after) => {
          let again: AccountEvent[] = [];
          try {
            again = accountDecider.decide(cmd, after);
          } catch {
            return; // e.g. a reservation that now lacks funds would be refused, also a no-op
          }
          if (cmd.type === 'ReservePoints' || cmd.type === 'EarnPoints' || cmd.type === 'ReverseSource' || cmd.type === 'AdjustPoints' || cmd.type === 'UnlockPoints' || cmd.type === 'ExpirePoints') {
            expect(again).toEqual([]);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('the lot read model behind GET /accounts/{id} (points_lots, points_debts)', () => {
  it('holds, lot by lot, what the account fold holds (including debt repayment, which no event lists)', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { state, events } = play(steps);
        const db = new Database(':memory:');
        try {
          db.exec(balanceProjection.schema);
          events.forEach((e, i) => balanceProjection.apply(db, { ...e, id: `e${i}`, stream: `account-${EXPERT}`, revision: i, position: { commit: BigInt(i), prepare: BigInt(i) }, recordedAt: new Date(START), metadata: {} } as RecordedEvent));
          const rows = db.prepare<[], { lot_id: string; remaining: number; pending: number }>('SELECT lot_id, remaining, pending FROM points_lots ORDER BY lot_id').all();
          const lots = state.lots.values().sort((a, b) => (a.lotId < b.lotId ? -1 : 1));
          expect(rows).toEqual(lots.map((l) => ({ lot_id: l.lotId, remaining: l.remaining, pending: l.pending ? 1 : 0 })));
          expect(readDebt(db, EXPERT)).toBe(state.debt);
          const horizon = new Date(START + 200 * DAY);
          expect(pointsExpiringBy(db, EXPERT, horizon)).toBe(lots.filter((l) => l.remaining > 0 && Date.parse(l.expiresAt) <= horizon.getTime()).reduce((s, l) => s + l.remaining, 0));
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('as-of (GET /accounts/{id}?asOf=, /ledger?asOf=) computed in memory', () => {
  it('answers what the balance and ledger projections, applied to the same events, hold', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.integer({ min: 1, max: 5 }), (steps, cut, limit) => {
        const { events } = play(steps);
        const tier: AccountEvent = { type: 'TierChanged', data: { expertId: EXPERT, from: 'none', to: 'silver', earnedInYear: 500, at: new Date(START).toISOString() } };
        const recorded = [...events.slice(0, 3), tier, ...events.slice(3)].map(
          (e, i) => ({ ...e, id: `e${i}`, stream: `account-${EXPERT}`, revision: i, position: { commit: BigInt(i + 1), prepare: BigInt(i + 1) }, recordedAt: new Date(START), metadata: {} }) as RecordedEvent,
        );
        const until = new Date(START + 90 * DAY);
        const after = recorded.length === 0 ? 0 : cut % (recorded.length + 1);
        const db = new Database(':memory:');
        try {
          for (const p of [balanceProjection, ledgerProjection]) db.exec(p.schema);
          for (const e of recorded) for (const p of [balanceProjection, ledgerProjection]) if (!p.filter.eventTypes || p.filter.eventTypes.includes(e.type)) p.apply(db, e);
          const { updatedAt: _u, ...balance } = readBalance(db, EXPERT);
          expect(accountAsOf(recorded, until, { after, limit })).toEqual({
            balance,
            tier: readTier(db, EXPERT),
            expiringIn30Days: pointsExpiringBy(db, EXPERT, new Date(until.getTime() + 30 * DAY)),
            ledger: readLedger(db, EXPERT, after, limit),
          });
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
