import type { AccountEvent } from '../account/account.events';
import { earned, reserved } from '../account/account.fixtures';
import type { EarningRule, ExpiryPolicy } from '../rules/earning-rules';
import { realFigures, simulateBalance, type BalanceFigures, type TimedEvent } from './balance-simulation';
import type { DraftMovement } from './what-if';

const EXPERT = 'expert-1';
const d = (iso: string) => `2030-${iso}T10:00:00.000Z`;
const rule = (points: number): EarningRule => ({ id: `r${points}`, sourceType: 'PlanAdopted', points, recipientField: 'expertId' });
let order = 0;
const draftEarned = (points: number, at: string, proposalId = `p-${order}`): DraftMovement => ({
  kind: 'earning',
  order: ++order,
  at: d(at),
  rule: rule(points),
  sourceEventId: `src-${order}`,
  sourceType: 'PlanAdopted',
  provenance: { proposalId },
});
const draftRetracted = (proposalId: string, at: string): DraftMovement => ({ kind: 'retraction', order: ++order, at: d(at), key: `proposal:${proposalId}`, sourceEventId: `w-${order}`, sourceType: 'ProposalWithdrawn' });
const timed = (at: string, event: AccountEvent): TimedEvent => ({ at: d(at), event });
const captured = (reservationId: string, points: number, at: string): TimedEvent => timed(at, { type: 'ReservationCaptured', data: { expertId: EXPERT, reservationId, points, at: d(at), by: 'svc' } });
const released = (reservationId: string, points: number, at: string): TimedEvent =>
  timed(at, { type: 'ReservationReleased', data: { expertId: EXPERT, reservationId, points, lots: [], reason: 'cancelled', at: d(at), by: 'svc' } });
const granted = (adjustmentId: string, points: number, at: string): TimedEvent =>
  timed(at, { type: 'PointsAdjusted', data: { expertId: EXPERT, adjustmentId, points, reason: 'goodwill', by: 'op', at: d(at), lots: [], debt: 0 } });

const rolling = (months: number): ExpiryPolicy => ({ kind: 'rolling', months });
const none: BalanceFigures = { earned: 0, pending: 0, available: 0, debt: 0, reserved: 0, spent: 0, expired: 0, reversed: 0, adjusted: 0 };

/** Given the draft's movements and the real ones, when simulated under a policy up to `to`, then these figures. */
const given = (draft: DraftMovement[], real: TimedEvent[] = [], recordedSources: string[] = draft.map((m) => m.sourceEventId)) => ({
  whenSimulated: (policy: { pendingDays: number; expiry: ExpiryPolicy }, to: string) => ({
    then: (expected: Partial<BalanceFigures>) =>
      expect(simulateBalance({ expertId: EXPERT, policy, draft, real, recordedSources: new Set(recordedSources), to: new Date(d(to)) })).toEqual({ ...none, ...expected }),
  }),
});

describe('what-if balance simulation: the account\'s own decider, run in event time under the draft', () => {
  it('the draft\'s pending period: points still pending at the end of the period, or available at once with pendingDays 0', () => {
    const draft = [draftEarned(100, '03-01'), draftEarned(50, '03-20')];
    given(draft).whenSimulated({ pendingDays: 14, expiry: rolling(24) }, '03-25').then({ earned: 150, available: 100, pending: 50 });
    given(draft).whenSimulated({ pendingDays: 0, expiry: rolling(24) }, '03-25').then({ earned: 150, available: 150 });
  });

  it('the draft\'s expiry: with a 1-month rolling expiry the early lots have expired by the end of a 3-month period', () => {
    const draft = [draftEarned(100, '01-05'), draftEarned(50, '02-10'), draftEarned(20, '03-20')];
    given(draft).whenSimulated({ pendingDays: 0, expiry: rolling(1) }, '04-01').then({ earned: 170, available: 20, expired: 150 });
    // End-of-month: the January lot lives to the end of February, the February lot to the end of March.
    given(draft).whenSimulated({ pendingDays: 0, expiry: { kind: 'end-of-month', months: 1 } }, '03-15').then({ earned: 150, available: 50, expired: 100 });
  });

  it('a real capture is replayed against the simulated lots oldest first', () => {
    // Oldest first: the March 1 lot pays 60 and expires with 40 left; newest first would have expired 90.
    const real = [timed('03-14', reserved(60, [], { reservationId: 'r-1' })), captured('r-1', 60, '03-15')];
    given([draftEarned(100, '03-01'), draftEarned(50, '03-10')], real).whenSimulated({ pendingDays: 0, expiry: rolling(1) }, '04-05').then({ earned: 150, spent: 60, expired: 40, available: 50 });
  });

  it('a capture the simulated lots cannot cover leaves a simulated debt, repaid by the next spendable points', () => {
    const real = [captured('r-1', 80, '03-05')];
    given([draftEarned(50, '03-01')], real).whenSimulated({ pendingDays: 0, expiry: rolling(24) }, '03-10').then({ earned: 50, spent: 80, debt: 30 });
    given([draftEarned(50, '03-01'), draftEarned(20, '03-08')], real).whenSimulated({ pendingDays: 0, expiry: rolling(24) }, '03-10').then({ earned: 70, spent: 80, debt: 10 });
  });

  it('a reservation still open at the end of the period is held then; a released one never happened', () => {
    const real = [timed('03-05', reserved(30, [], { reservationId: 'open' })), timed('03-05', reserved(40, [], { reservationId: 'gone' })), released('gone', 40, '03-06')];
    given([draftEarned(100, '03-01')], real).whenSimulated({ pendingDays: 0, expiry: rolling(24) }, '03-10').then({ earned: 100, reserved: 30, available: 70 });
  });

  it('a retraction reverses the draft\'s lot; what was already spent of it becomes debt', () => {
    const draft = [draftEarned(100, '03-01', 'p-x'), draftRetracted('p-x', '03-08')];
    given(draft, [captured('r-1', 70, '03-05')]).whenSimulated({ pendingDays: 0, expiry: rolling(24) }, '03-10').then({ earned: 100, spent: 70, reversed: 100, debt: 70 });
  });

  it('an operator\'s grant is a lot under the draft\'s expiry; a revocation takes the oldest lots', () => {
    const real = [granted('g-1', 40, '01-10'), granted('g-2', -30, '03-01')];
    given([draftEarned(100, '02-20')], real).whenSimulated({ pendingDays: 0, expiry: rolling(1) }, '03-10').then({ earned: 100, adjusted: 10, expired: 40, available: 70 });
  });

  it('a real earning whose source was never recorded is carried over as it was; one re-run by the draft is replaced', () => {
    const before = timed('01-02', earned(300, { source: 'old', at: new Date(d('01-02')), pending: true, expiresAt: new Date(d('12-31')) }) as AccountEvent);
    const rerun = timed('03-02', earned(999, { source: 'src-rerun', at: new Date(d('03-02')) }));
    const draft = [draftEarned(10, '03-02')];
    const carried = before.event.type === 'PointsEarned' ? { ...before, event: { ...before.event, data: { ...before.event.data, availableAt: d('01-16') } } } : before;
    given(draft, [carried, rerun], [...draft.map((m) => m.sourceEventId), 'src-rerun']).whenSimulated({ pendingDays: 0, expiry: rolling(24) }, '03-10').then({ earned: 310, available: 310 });
  });

  it('the real figures are the sum of the movements before the instant', () => {
    expect(realFigures([timed('03-01', earned(100, { source: 'a', pending: true })), timed('03-02', earned(50, { source: 'b' })), timed('03-03', reserved(20, [], { reservationId: 'r' })), captured('r', 20, '03-03')])).toEqual({
      ...none,
      earned: 150,
      pending: 100,
      available: 30,
      spent: 20,
    });
  });
});
