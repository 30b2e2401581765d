import { DeciderSpecification } from '@hope/kernel/testing';
import { ValidationError } from '@hope/kernel';
import { DEFAULT_RULES, INVITEE_BONUS_RULE, rulesFor, type RuleSet } from '../rules/earning-rules';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decide';
import { DebtOutstanding, IdReused, InsufficientPoints, ItemUnavailable, ReservationClosed, ReservationNotFound } from './account.errors';
import type { AccountEvent } from './account.events';
import { availablePoints, pendingPoints, reservedPoints } from './account.state';
import { adjust, at, earn, earned, EXPERT, noPending, reserve, reserved, retract, T0 } from './account.fixtures';

const spec = DeciderSpecification.for(accountDecider);
const fold = (events: AccountEvent[]) => events.reduce(accountDecider.evolve, accountDecider.initialState);
const run = (history: AccountEvent[], cmd: AccountCommand) => accountDecider.decide(cmd, fold(history));

describe('earning under rules kept as data', () => {
  it.each([
    ['ClueSubmitted', 5],
    ['PlanSubmitted', 20],
    ['PlanShortlisted', 50],
    ['PlanAdopted', 200],
    ['ExpertCertified', 100],
    ['ConsultationCompleted', 40],
  ])('rule set v1: %s earns %i points to the expert', (type, points) => {
    const [match] = rulesFor(DEFAULT_RULES, type, { expertId: EXPERT });
    expect(match).toMatchObject({ expertId: EXPERT, rule: { points } });
  });

  it('rule set v1: an invited expert joining earns 30 to the inviter; the invitee bonus is an option', () => {
    expect(rulesFor(DEFAULT_RULES, 'ExpertJoined', { expertId: 'new', inviterId: 'inviter' })).toEqual([{ expertId: 'inviter', rule: expect.objectContaining({ points: 30 }) }]);
    expect(rulesFor(DEFAULT_RULES, 'ExpertJoined', { expertId: 'new' })).toEqual([]);
    const withBonus: RuleSet = { ...DEFAULT_RULES, version: 2, rules: [...DEFAULT_RULES.rules, INVITEE_BONUS_RULE] };
    expect(rulesFor(withBonus, 'ExpertJoined', { expertId: 'new', inviterId: 'inviter' }).map((m) => m.expertId)).toEqual(['inviter', 'new']);
  });

  it('rule set v1: only exchange meetings earn 10 for attendance', () => {
    expect(rulesFor(DEFAULT_RULES, 'MeetingAttended', { expertId: EXPERT, kind: 'exchange-meeting' })).toHaveLength(1);
    expect(rulesFor(DEFAULT_RULES, 'MeetingAttended', { expertId: EXPERT, kind: 'technical-seminar' })).toHaveLength(0);
  });

  it('given nothing, when a plan is adopted, then PointsEarned records rule id, rule version, source and provenance', () => {
    spec.given([]).when(earn()).then([earned(200)]);
  });

  it('with a pending period, the lot is pending until earnedAt + pendingDays and expires 24 months after earning', () => {
    const [e] = run([], earn({ rules: DEFAULT_RULES }));
    expect(e).toMatchObject({ data: { pending: true, availableAt: '2030-03-18T10:00:00.000Z', expiresAt: '2032-03-04T10:00:00.000Z' } });
  });

  it('end-of-month and end-of-year expiry policies', () => {
    const month = run([], earn({ rules: { ...noPending, expiry: { kind: 'end-of-month', months: 24 } } }))[0]!;
    const year = run([], earn({ rules: { ...noPending, expiry: { kind: 'end-of-year', months: 24 } } }))[0]!;
    expect((month.data as { expiresAt: string }).expiresAt).toBe('2032-03-31T23:59:59.999Z');
    expect((year.data as { expiresAt: string }).expiresAt).toBe('2032-12-31T23:59:59.999Z');
  });

  it('given an earning from a source event, when the same source event is applied again, then nothing happens', () => {
    spec.given([earned(200)]).when(earn()).thenNothingHappened();
  });

  it('at most 10 clues are rewarded a day: the 11th is declined, the next day earns again', () => {
    const clues = Array.from({ length: 10 }, (_, i) => ({ ...earned(5, { source: `c${i}`, ruleId: 'clue-submitted' }) }));
    spec.given(clues).when(earn({ ruleId: 'clue-submitted', source: 'c10' })).then([
      { type: 'EarningDeclined', data: { expertId: EXPERT, ruleId: 'clue-submitted', ruleVersion: 1, sourceEventId: 'c10', sourceType: 'ClueSubmitted', reason: 'limit-day', at: T0.toISOString() } },
    ]);
    expect(run(clues, earn({ ruleId: 'clue-submitted', source: 'c11', at: at('2030-03-05T00:00:00.000Z') }))[0]!.type).toBe('PointsEarned');
  });

  it('weekly and monthly limits count calendar weeks (from Monday) and months', () => {
    const rules: RuleSet = { ...noPending, rules: [{ id: 'r', sourceType: 'X', points: 1, recipientField: 'expertId', perExpert: { week: 1, month: 2 } }] };
    const first = run([], earn({ ruleId: 'r', rules, source: 'a' }));
    const sunday = run(first, earn({ ruleId: 'r', rules, source: 'b', at: at('2030-03-10T23:00:00.000Z') }));
    expect(sunday[0]).toMatchObject({ type: 'EarningDeclined', data: { reason: 'limit-week' } });
    const nextMonday = run(first, earn({ ruleId: 'r', rules, source: 'c', at: at('2030-03-11T00:00:00.000Z') }));
    expect(nextMonday[0]!.type).toBe('PointsEarned');
    const third = run([...first, ...nextMonday], earn({ ruleId: 'r', rules, source: 'd', at: at('2030-03-25T00:00:00.000Z') }));
    expect(third[0]).toMatchObject({ type: 'EarningDeclined', data: { reason: 'limit-month' } });
  });

  it('certification earns once ever', () => {
    const first = run([], earn({ ruleId: 'certified-partner', source: 'cert-1', provenance: {} }));
    expect(first[0]).toMatchObject({ type: 'PointsEarned', data: { points: 100 } });
    expect(run(first, earn({ ruleId: 'certified-partner', source: 'cert-2', provenance: {} }))[0]).toMatchObject({ type: 'EarningDeclined', data: { reason: 'once-ever' } });
  });

  it('a declined source is decided once: its redelivery is a no-op', () => {
    const declined = run([], retract('p-1')).concat(run(run([], retract('p-1')), earn({ provenance: { proposalId: 'p-1' } })));
    expect(declined.map((e) => e.type)).toEqual(['PointsReversed', 'EarningDeclined']);
    spec.given(declined).when(earn({ provenance: { proposalId: 'p-1' } })).thenNothingHappened();
  });
});

describe('reversal of what a retracted source earned', () => {
  const history = [earned(20, { source: 's1', proposalId: 'p-1' }), earned(50, { source: 's2', proposalId: 'p-1' }), earned(200, { source: 's3', proposalId: 'p-2' })];

  it('reverses exactly the lots of that proposal, no more', () => {
    spec.given(history).when(retract('p-1')).then([
      {
        type: 'PointsReversed',
        data: {
          expertId: EXPERT,
          sourceEventId: 'withdrawal-1',
          sourceType: 'ProposalWithdrawn',
          retracted: 'proposal:p-1',
          reason: 'proposal-withdrawn',
          lots: [
            { lotId: 'lot-s1', points: 20, pending: false },
            { lotId: 'lot-s2', points: 50, pending: false },
          ],
          debt: 0,
          points: 70,
          at: T0.toISOString(),
        },
      },
    ]);
    expect(availablePoints(fold([...history, ...run(history, retract('p-1'))]))).toBe(200);
  });

  it('is a no-op the second time', () => {
    spec.given([...history, ...run(history, retract('p-1'))]).when(retract('p-1', 'withdrawal-2')).thenNothingHappened();
  });

  it('what was already spent becomes a debt, which blocks spending until repaid by new points', () => {
    const spent = [earned(200, { source: 's1', proposalId: 'p-1' }), reserved(200, [{ lotId: 'lot-s1', points: 200 }])];
    const reversal = run(spent, retract('p-1'));
    expect(reversal[0]).toMatchObject({ data: { lots: [], debt: 200, points: 200 } });
    const inDebt = [...spent, ...reversal, earned(100, { source: 's2' })];
    expect(fold(inDebt)).toMatchObject({ debt: 100 });
    spec.given([...inDebt, earned(300, { source: 's3' })]).when(reserve('technical-seminar-seat', 'r-2')).then([reserved(80, [{ lotId: 'lot-s3', points: 80 }], { reservationId: 'r-2', itemId: 'technical-seminar-seat' })]);
    spec.given(inDebt).when(reserve('technical-seminar-seat', 'r-2')).thenThrows(DebtOutstanding);
  });

  it('a pending lot is reversed from pending, without debt', () => {
    const e = run([earned(50, { pending: true, proposalId: 'p-1' })], retract('p-1'));
    expect(e[0]).toMatchObject({ data: { lots: [{ lotId: 'lot-src-1', points: 50, pending: true }], debt: 0, points: 50 } });
  });
});

describe('spending: reserve, capture, release', () => {
  const rich = [earned(150, { source: 'old', at: at('2030-01-01T00:00:00Z') }), earned(200, { source: 'new', at: at('2030-02-01T00:00:00Z') })];

  it('reserves from the oldest lots first', () => {
    spec.given(rich).when(reserve('expert-interview')).then([reserved(200, [{ lotId: 'lot-old', points: 150 }, { lotId: 'lot-new', points: 50 }])]);
  });

  it('refuses more than is available (422), and pending points are not spendable', () => {
    spec.given([earned(120)]).when(reserve('expert-interview')).thenThrows(InsufficientPoints, (e) => expect(e).toMatchObject({ status: 422, code: 'POINTS.INSUFFICIENT' }));
    spec.given([earned(300, { pending: true })]).when(reserve('expert-interview')).thenThrows(InsufficientPoints);
  });

  it('a lot past its expiry is not spendable even before the expiry job ran', () => {
    spec.given([earned(300, { expiresAt: at('2030-03-01T00:00:00Z') })]).when(reserve('expert-interview')).thenThrows(InsufficientPoints);
  });

  it('the same reservation id twice is a no-op; for another item it is refused', () => {
    const h = [...rich, ...run(rich, reserve('expert-interview'))];
    spec.given(h).when(reserve('expert-interview')).thenNothingHappened();
    spec.given(h).when(reserve('publish-need')).thenThrows(IdReused);
  });

  it('honours the per-expert limit of an item (released ones do not count)', () => {
    const h = [earned(2000), ...run([earned(2000)], reserve('innovation-tour', 'r-1'))];
    spec.given(h).when(reserve('innovation-tour', 'r-2')).thenThrows(ItemUnavailable);
    const released = [...h, ...run(h, { type: 'ReleaseReservation', data: { expertId: EXPERT, reservationId: 'r-1', reason: 'cancelled', by: 'x', byRole: 'expert' }, metadata: { now: T0 } })];
    expect(run(released, reserve('innovation-tour', 'r-2'))[0]!.type).toBe('PointsReserved');
  });

  const held = [...rich, reserved(200, [{ lotId: 'lot-old', points: 150 }, { lotId: 'lot-new', points: 50 }])];
  const capture: AccountCommand = { type: 'CaptureReservation', data: { expertId: EXPERT, reservationId: 'r-1', by: 'consulting', byRole: 'service' }, metadata: { now: T0 } };
  const release: AccountCommand = { type: 'ReleaseReservation', data: { expertId: EXPERT, reservationId: 'r-1', reason: 'fulfilment-failed', by: 'consulting', byRole: 'service' }, metadata: { now: T0 } };

  it('capture spends the reservation; a second capture is a no-op; release after capture is refused', () => {
    spec.given(held).when(capture).then([{ type: 'ReservationCaptured', data: { expertId: EXPERT, reservationId: 'r-1', points: 200, at: T0.toISOString(), by: 'consulting' } }]);
    const captured = [...held, ...run(held, capture)];
    spec.given(captured).when(capture).thenNothingHappened();
    spec.given(captured).when(release).thenThrows(ReservationClosed, (e) => expect(e).toMatchObject({ code: 'POINTS.RESERVATION_CAPTURED', status: 409 }));
    expect(availablePoints(fold(captured))).toBe(150);
  });

  it('release returns the points to the lots they came from; capture after release is refused', () => {
    const released = [...held, ...run(held, release)];
    expect(fold(released).lots.values().map((l) => l.remaining)).toEqual([150, 200]);
    spec.given(released).when(capture).thenThrows(ReservationClosed);
    spec.given(released).when(release).thenNothingHappened();
  });

  it('an unknown reservation is 404', () => {
    spec.given(rich).when(capture).thenThrows(ReservationNotFound);
  });

  it('only reservations past their timeout are released by the timeout', () => {
    const timeout = (now: Date): AccountCommand => ({ type: 'ReleaseTimedOutReservations', data: { expertId: EXPERT }, metadata: { now } });
    spec.given(held).when(timeout(new Date(T0.getTime() + 3_599_999))).thenNothingHappened();
    const [e] = run(held, timeout(new Date(T0.getTime() + 3_600_000)));
    expect(e).toMatchObject({ type: 'ReservationReleased', data: { reason: 'timeout', points: 200 } });
  });
});

describe('pending unlock and expiry', () => {
  it('unlocks the lots whose pending period is over, and only those', () => {
    const h: AccountEvent[] = [run([], earn({ rules: DEFAULT_RULES, source: 'a' }))[0]!, run([], earn({ rules: DEFAULT_RULES, source: 'b', at: at('2030-03-10T10:00:00Z') }))[0]!];
    const unlock = (now: Date): AccountCommand => ({ type: 'UnlockPoints', data: { expertId: EXPERT }, metadata: { now } });
    spec.given(h).when(unlock(at('2030-03-18T09:59:59Z'))).thenNothingHappened();
    spec.given(h).when(unlock(at('2030-03-18T10:00:00Z'))).then([
      { type: 'PointsUnlocked', data: { expertId: EXPERT, lots: [{ lotId: 'lot-a', points: 200, pending: true }], points: 200, at: '2030-03-18T10:00:00.000Z' } },
    ]);
    const after = fold([...h, ...run(h, unlock(at('2030-03-18T10:00:00Z')))]);
    expect([availablePoints(after), pendingPoints(after)]).toEqual([200, 200]);
  });

  it('expires what remains of lots past their expiry; reserved points are not expired', () => {
    const h = [earned(100, { source: 'a', expiresAt: at('2030-04-01T00:00:00Z') }), earned(100, { source: 'b', expiresAt: at('2030-05-01T00:00:00Z') }), reserved(80, [{ lotId: 'lot-a', points: 80 }])];
    spec.given(h).when({ type: 'ExpirePoints', data: { expertId: EXPERT }, metadata: { now: at('2030-04-01T00:00:00Z') } }).then([
      { type: 'PointsExpired', data: { expertId: EXPERT, lots: [{ lotId: 'lot-a', points: 20, pending: false }], points: 20, at: '2030-04-01T00:00:00.000Z' } },
    ]);
    expect(reservedPoints(fold(h))).toBe(80);
  });
});

describe('operator adjustments', () => {
  it('a grant is a new spendable lot; the same id again is a no-op; another amount under it is refused', () => {
    const [grant] = run([], adjust('adj-1', 300));
    expect(grant).toMatchObject({ type: 'PointsAdjusted', data: { points: 300, by: 'operator-1', lots: [{ lotId: 'adj-1', points: 300 }], expiresAt: '2032-03-04T10:00:00.000Z' } });
    spec.given([grant!]).when(adjust('adj-1', 300)).thenNothingHappened();
    spec.given([grant!]).when(adjust('adj-1', 400)).thenThrows(IdReused);
    expect(availablePoints(fold([grant!]))).toBe(300);
  });

  it('a revocation takes from the oldest lots; beyond what is left it is debt', () => {
    const h = [earned(100, { source: 'a' }), reserved(80, [{ lotId: 'lot-a', points: 80 }])];
    const [revoke] = run(h, adjust('adj-2', -50));
    expect(revoke).toMatchObject({ data: { points: -50, lots: [{ lotId: 'lot-a', points: 20, pending: false }], debt: 30 } });
    expect(fold([...h, revoke!])).toMatchObject({ debt: 30 });
    expect(availablePoints(fold([...h, revoke!]))).toBe(-30);
  });

  it('zero is not an adjustment', () => {
    spec.given([]).when(adjust('adj-3', 0)).thenThrows(ValidationError);
  });
});
