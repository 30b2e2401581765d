import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, ValidationError, type Principal } from '@hope/kernel';
import type { InterviewCommand } from './interview.commands';
import type { InterviewEvent } from './interview.events';
import { awaitsConflictCheck, interviewDecider } from './interview.decide';
import { allInterviews, interviewOf } from './interview.state';

const spec = DeciderSpecification.for(interviewDecider);
const H = 3_600_000;
const now = new Date('2030-03-01T08:00:00.000Z');
const later = (hours: number) => new Date(now.getTime() + hours * H);
const iso = (hours: number) => later(hours).toISOString();

const enterprise: Principal = { role: 'enterprise', subject: 'u-buyer', organisationId: 'org-a' };
const otherEnterprise: Principal = { role: 'enterprise', subject: 'u-x', organisationId: 'org-b' };
const expert: Principal = { role: 'expert', subject: 'exp-1' };
const otherExpert: Principal = { role: 'expert', subject: 'exp-2' };
const matching: Principal = { role: 'service', subject: 'matching' };

const requested = (id = 'i-1', slots = [iso(100), iso(124)], minutes = 60): InterviewEvent => ({
  type: 'InterviewRequested',
  data: { interviewId: id, expertId: 'exp-1', organisationId: 'org-a', requestedBy: 'u-buyer', requesterRole: 'enterprise', topic: 'heat pumps', durationMinutes: minutes, slots, payment: 'contract', requestedAt: now.toISOString(), expiresAt: iso(72) },
});
const accepted = (id = 'i-1', startH = 100, minutes = 60): InterviewEvent => ({ type: 'InterviewAccepted', data: { interviewId: id, start: iso(startH), end: iso(startH + minutes / 60), acceptedBy: 'expert', at: now.toISOString() } });
const attested = (id = 'i-1'): InterviewEvent => ({ type: 'ExpertAttestationRecorded', data: { interviewId: id, noConfidentialInformation: true, noConflictOfInterest: true, passed: true, at: now.toISOString() } });
const checked = (id = 'i-1'): InterviewEvent => ({ type: 'ConflictCheckRecorded', data: { interviewId: id, passed: true, checkedBy: 'matching', reasons: [], at: now.toISOString() } });
const confirmed = (id = 'i-1', startH = 100, minutes = 60): InterviewEvent => ({ type: 'InterviewConfirmed', data: { interviewId: id, expertId: 'exp-1', organisationId: 'org-a', start: iso(startH), end: iso(startH + minutes / 60), at: now.toISOString() } });
const confirmedCall = (id = 'i-1', startH = 100) => [requested(id, [iso(startH)]), accepted(id, startH), attested(id), checked(id), confirmed(id, startH)];

const cmd = <T extends InterviewCommand['type']>(type: T, data: Extract<InterviewCommand, { type: T }>['data'], actor: Principal = expert, at = now) =>
  ({ type, data, actor, metadata: { now: at } }) as InterviewCommand;
const codeIs = (code: string) => (e: Error) => expect((e as IllegalStateError).code).toBe(code);

describe('interview request', () => {
  const request = (over: Partial<{ durationMinutes: number; slots: string[] }> = {}, actor = enterprise) =>
    cmd('RequestInterview', { interviewId: 'i-1', expertId: 'exp-1', topic: 'heat pumps', durationMinutes: 60, slots: [iso(100), iso(124)], payment: 'contract', ...over }, actor);

  it('an enterprise requests 30-120 minutes with up to three slots; it expires 72 h later', () => {
    spec.given([]).when(request()).then([requested()]);
  });
  it.each([29, 121, 45.5])('refuses %s minutes, naming durationMinutes', (durationMinutes) => {
    spec.given([]).when(request({ durationMinutes })).thenThrows(ValidationError, (e) => expect((e as ValidationError).fields[0]?.field).toBe('durationMinutes'));
  });
  it('refuses four slots, a slot in the past and a repeated slot', () => {
    spec.given([]).when(request({ slots: [iso(10), iso(11), iso(12), iso(13)] })).thenThrows(ValidationError);
    spec.given([]).when(request({ slots: [iso(10), iso(-1)] })).thenThrows(ValidationError, (e) => expect((e as ValidationError).fields[0]?.field).toBe('slots.1'));
    spec.given([]).when(request({ slots: [iso(10), iso(10)] })).thenThrows(ValidationError);
  });
  it('an enterprise requests; an expert only when paying with points, never from themselves', () => {
    spec.given([]).when(request({}, expert)).thenThrows(ForbiddenError);
    const byPeer = (actor: Principal, expertId = 'exp-1') =>
      cmd('RequestInterview', { interviewId: 'i-1', expertId, topic: 'heat pumps', durationMinutes: 60, slots: [iso(100)], payment: 'points' }, actor);
    spec.given([]).when(byPeer(otherExpert)).then([
      { type: 'InterviewRequested', data: { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'expert:exp-2', requestedBy: 'exp-2', requesterRole: 'expert', topic: 'heat pumps', durationMinutes: 60, slots: [iso(100)], payment: 'points', requestedAt: now.toISOString(), expiresAt: iso(72) } },
    ]);
    spec.given([]).when(byPeer(expert)).thenThrows(ValidationError, (e) => expect((e as ValidationError).fields[0]?.field).toBe('expertId'));
    // An enterprise pays by points from its organisation's account; an organisation id points cannot name is refused.
    spec.given([]).when(byPeer(enterprise)).then([
      { type: 'InterviewRequested', data: { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', requestedBy: 'u-buyer', requesterRole: 'enterprise', topic: 'heat pumps', durationMinutes: 60, slots: [iso(100)], payment: 'points', requestedAt: now.toISOString(), expiresAt: iso(72) } },
    ]);
    spec.given([]).when(byPeer({ ...enterprise, organisationId: 'acme/../x' })).thenThrows(ValidationError, (e) => expect((e as ValidationError).fields[0]?.field).toBe('payment'));
  });
});

describe('a call paid by points is held by points at most 180 days', () => {
  const DAY_H = 24;
  // Ends 180 days minus the 7-day completion margin from now: the latest a points call may end.
  const limitH = (180 - 7) * DAY_H;
  const pointsRequest = (startH: number): InterviewEvent => {
    const e = requested('i-1', [iso(startH)]);
    return { ...e, data: { ...e.data, payment: 'points' } } as InterviewEvent;
  };
  it('agreeing a slot that ends later is refused (400 naming start), a contract call is not, and the edge is allowed', () => {
    spec.given([pointsRequest(limitH)]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(limitH) })).thenThrows(ValidationError, (e) => {
      expect((e as ValidationError).code).toBe('INTERVIEW.BEYOND_POINTS_HOLD');
      expect((e as ValidationError).fields[0]?.field).toBe('start');
    });
    spec.given([requested('i-1', [iso(limitH)])]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(limitH) })).then([accepted('i-1', limitH)]);
    spec.given([pointsRequest(limitH - 1)]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(limitH - 1) })).then([accepted('i-1', limitH - 1)]);
  });
  it('a reschedule of a points call beyond the hold is refused too', () => {
    const [, ...rest] = confirmedCall('i-1', 100);
    spec.given([pointsRequest(100), ...rest]).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(limitH + 10) })).thenThrows(ValidationError, codeIs('INTERVIEW.BEYOND_POINTS_HOLD'));
  });
  it('a confirmed points call moves only within its held reservation (end + 7 days, a day of margin kept); a contract call moves freely', () => {
    const [, ...rest] = confirmedCall('i-1', 100); // ends at 101 h: held until 101 + 168 = 269 h, so it may end by 245 h
    const points = [pointsRequest(100), ...rest];
    const moved = (h: number): InterviewEvent => ({ type: 'InterviewRescheduled', data: { interviewId: 'i-1', start: iso(h), end: iso(h + 1), by: 'expert', at: now.toISOString() } });
    spec.given(points).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(244) })).then([moved(244)]);
    spec.given(points).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(245) })).thenThrows(IllegalStateError, codeIs('INTERVIEW.RESCHEDULE_BEYOND_POINTS_HOLD'));
    // The hold is fixed at confirmation: a first move does not stretch it for the next.
    spec.given([...points, moved(200)]).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(245) })).thenThrows(IllegalStateError, codeIs('INTERVIEW.RESCHEDULE_BEYOND_POINTS_HOLD'));
    spec.given(confirmedCall('i-1', 100)).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(245) })).then([moved(245)]);
  });
});

describe('answering a request', () => {
  it('the expert accepts one proposed slot: it is held, not yet confirmed (the gate is open)', () => {
    spec.given([requested()]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(100) })).then([accepted()]);
  });
  it('a slot that was not proposed is refused, and nobody but the expert may accept', () => {
    spec.given([requested()]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(101) })).thenThrows(ValidationError);
    spec.given([requested()]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(100) }, otherExpert)).thenThrows(ForbiddenError);
    spec.given([requested()]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(100) }, enterprise)).thenThrows(ForbiddenError);
  });
  it('the expert counter-proposes; then the enterprise (not the expert) picks one of those', () => {
    const counter: InterviewEvent = { type: 'InterviewCounterProposed', data: { interviewId: 'i-1', slots: [iso(150)], at: now.toISOString(), expiresAt: iso(72) } };
    spec.given([requested()]).when(cmd('CounterProposeInterview', { interviewId: 'i-1', slots: [iso(150)] })).then([counter]);
    spec.given([requested(), counter]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(150) }, enterprise)).then([
      { type: 'InterviewAccepted', data: { interviewId: 'i-1', start: iso(150), end: iso(151), acceptedBy: 'enterprise', at: now.toISOString() } },
    ]);
    spec.given([requested(), counter]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(150) })).thenThrows(ForbiddenError);
  });
  it('the expert declines; a declined request cannot be accepted', () => {
    const declined: InterviewEvent = { type: 'InterviewDeclined', data: { interviewId: 'i-1', reason: 'busy', at: now.toISOString() } };
    spec.given([requested()]).when(cmd('DeclineInterview', { interviewId: 'i-1', reason: 'busy' })).then([declined]);
    spec.given([requested(), declined]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(100) })).thenThrows(IllegalStateError, codeIs('INTERVIEW.WRONG_STATUS'));
  });
});

describe('expiry after 72 h', () => {
  const expire = (at: Date) => ({ type: 'ExpireInterview', data: { interviewId: 'i-1' }, metadata: { now: at } }) as InterviewCommand;
  it('an unanswered request expires at 72 h, not before', () => {
    spec.given([requested()]).when(expire(later(72))).then([{ type: 'InterviewExpired', data: { interviewId: 'i-1', at: iso(72) } }]);
    spec.given([requested()]).when(expire(later(71.9))).thenNothingHappened();
  });
  it('an answered or already expired request is left alone (the job may run twice)', () => {
    spec.given([requested(), accepted()]).when(expire(later(80))).thenNothingHappened();
    spec.given([requested(), { type: 'InterviewExpired', data: { interviewId: 'i-1', at: iso(72) } }]).when(expire(later(80))).thenNothingHappened();
  });
  it('an overdue request cannot be accepted even before the job ran', () => {
    spec.given([requested()]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(100) }, expert, later(73))).thenThrows(IllegalStateError, codeIs('INTERVIEW.EXPIRED'));
  });
});

describe('compliance gate', () => {
  const attest = (ok: boolean) => cmd('RecordAttestation', { interviewId: 'i-1', noConfidentialInformation: true, noConflictOfInterest: ok });
  const employed = { code: 'same-current-employer', detail: 'currently employed by org-a' };
  const check = (passed: boolean) => cmd('RecordConflictCheck', { interviewId: 'i-1', passed, reasons: passed ? [] : [employed] }, matching);
  it('attestation and conflict check both passed on an agreed slot -> confirmed, whichever comes last', () => {
    spec.given([requested(), accepted(), attested()]).when(check(true)).then([checked(), confirmed()]);
    spec.given([requested(), accepted(), checked()]).when(attest(true)).then([attested(), confirmed()]);
    spec.given([requested(), attested(), checked()]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(100) })).then([accepted(), confirmed()]);
  });
  it('a check that did not clear must say why', () => {
    spec.given([requested(), accepted(), attested()]).when(cmd('RecordConflictCheck', { interviewId: 'i-1', passed: false, reasons: [] }, matching)).thenThrows(ValidationError);
  });
  it('the conflict check is due once the slot is agreed and the expert attested, and only until recorded', () => {
    const fold = (events: InterviewEvent[]) => interviewOf(events.reduce(interviewDecider.evolve, interviewDecider.initialState), 'i-1')!;
    expect(awaitsConflictCheck(fold([requested(), accepted(), attested()]))).toBe(true);
    expect(awaitsConflictCheck(fold([requested(), attested()]))).toBe(false);
    expect(awaitsConflictCheck(fold([requested(), accepted()]))).toBe(false);
    expect(awaitsConflictCheck(fold([requested(), accepted(), attested(), checked()]))).toBe(false);
  });
  it('a gate still open leaves the call accepted, not confirmed', () => {
    spec.given([requested(), accepted()]).when(attest(true)).then([attested()]);
  });
  it('a failed attestation or conflict check fails the gate: the call can never be confirmed', () => {
    const failed: InterviewEvent = { type: 'ComplianceGateFailed', data: { interviewId: 'i-1', reason: 'attestation', at: now.toISOString() } };
    spec.given([requested(), accepted(), checked()]).when(attest(false)).then([
      { type: 'ExpertAttestationRecorded', data: { interviewId: 'i-1', noConfidentialInformation: true, noConflictOfInterest: false, passed: false, at: now.toISOString() } },
      failed,
    ]);
    spec.given([requested(), accepted(), attested()]).when(check(false)).then([
      { type: 'ConflictCheckRecorded', data: { interviewId: 'i-1', passed: false, checkedBy: 'matching', reasons: [employed], at: now.toISOString() } },
      { type: 'ComplianceGateFailed', data: { interviewId: 'i-1', reason: 'conflict-check', at: now.toISOString() } },
    ]);
    spec.given([requested(), accepted(), failed]).when(check(true)).thenThrows(IllegalStateError, codeIs('INTERVIEW.WRONG_STATUS'));
    spec.given([requested(), failed]).when(cmd('AcceptInterview', { interviewId: 'i-1', start: iso(100) })).thenThrows(IllegalStateError);
  });
  it('only the expert attests and only the gate (a service) records the conflict check, once each', () => {
    spec.given([requested()]).when(cmd('RecordAttestation', { interviewId: 'i-1', noConfidentialInformation: true, noConflictOfInterest: true }, enterprise)).thenThrows(ForbiddenError);
    spec.given([requested()]).when(cmd('RecordConflictCheck', { interviewId: 'i-1', passed: true, reasons: [] }, expert)).thenThrows(ForbiddenError);
    spec.given([requested()]).when(cmd('RecordConflictCheck', { interviewId: 'i-1', passed: true, reasons: [] }, { role: 'operator', subject: 'ops' })).thenThrows(ForbiddenError);
    spec.given([requested(), accepted(), attested(), checked()]).when(check(true)).thenThrows(IllegalStateError, codeIs('INTERVIEW.ALREADY_CHECKED'));
    spec.given([requested(), attested()]).when(attest(true)).thenThrows(IllegalStateError, codeIs('INTERVIEW.ALREADY_ATTESTED'));
  });
});

describe('no double booking', () => {
  it('an accepted or confirmed call blocks any overlapping slot of the same expert', () => {
    spec.given([...confirmedCall('i-1', 100), requested('i-2', [iso(100.5)])]).when(cmd('AcceptInterview', { interviewId: 'i-2', start: iso(100.5) })).thenThrows(IllegalStateError, codeIs('INTERVIEW.SLOT_TAKEN'));
    spec.given([requested('i-1'), accepted('i-1'), requested('i-2', [iso(99.5)])]).when(cmd('AcceptInterview', { interviewId: 'i-2', start: iso(99.5) })).thenThrows(IllegalStateError, codeIs('INTERVIEW.SLOT_TAKEN'));
  });
  it('back-to-back calls do not overlap, and a cancelled call frees its slot', () => {
    spec.given([...confirmedCall('i-1', 100), requested('i-2', [iso(101)])]).when(cmd('AcceptInterview', { interviewId: 'i-2', start: iso(101) })).then([accepted('i-2', 101)]);
    const cancelled: InterviewEvent = { type: 'InterviewCancelled', data: { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', cancelledBy: 'expert', reason: 'ill', refundPercent: 100, at: now.toISOString() } };
    spec.given([...confirmedCall('i-1', 100), cancelled, requested('i-2', [iso(100)])]).when(cmd('AcceptInterview', { interviewId: 'i-2', start: iso(100) })).then([accepted('i-2', 100)]);
  });
  it('a reschedule onto another call is refused; onto a free slot it moves the call', () => {
    const history = [...confirmedCall('i-1', 100), ...confirmedCall('i-2', 120)];
    spec.given(history).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(120.5) }, enterprise)).thenThrows(IllegalStateError, codeIs('INTERVIEW.SLOT_TAKEN'));
    spec.given(history).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(130) }, enterprise)).then([
      { type: 'InterviewRescheduled', data: { interviewId: 'i-1', start: iso(130), end: iso(131), by: 'enterprise', at: now.toISOString() } },
    ]);
  });
});

describe('reschedule and cancellation policy', () => {
  const cancel = (actor: Principal, at: Date) => cmd('CancelInterview', { interviewId: 'i-1', reason: 'change of plans' }, actor, at);
  const refundOf = (events: InterviewEvent[]) => (events[0]?.data as { refundPercent: number }).refundPercent;
  const cancelledAt = (actor: Principal, at: Date) => refundOf(interviewDecider.decide(cancel(actor, at) as InterviewCommand, confirmedCall().reduce(interviewDecider.evolve, interviewDecider.initialState)));
  it('the enterprise gets everything back 48 h ahead, half 24-48 h ahead, nothing later', () => {
    expect(cancelledAt(enterprise, later(100 - 48))).toBe(100);
    expect(cancelledAt(enterprise, later(100 - 47))).toBe(50);
    expect(cancelledAt(enterprise, later(100 - 24))).toBe(50);
    expect(cancelledAt(enterprise, later(100 - 23))).toBe(0);
  });
  it('an expert or operator cancelling refunds in full, however late', () => {
    expect(cancelledAt(expert, later(99))).toBe(100);
    expect(cancelledAt({ role: 'operator', subject: 'ops' }, later(99))).toBe(100);
  });
  it('before confirmation nothing was reserved: everything is released; strangers cannot cancel', () => {
    spec.given([requested()]).when(cancel(enterprise, later(99))).then([
      { type: 'InterviewCancelled', data: { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', cancelledBy: 'enterprise', reason: 'change of plans', refundPercent: 100, at: iso(99) } },
    ]);
    spec.given([requested()]).when(cancel(otherEnterprise, now)).thenThrows(ForbiddenError);
  });
  it('a call is moved at most twice and not within 24 h of its start', () => {
    const moved = (h: number): InterviewEvent => ({ type: 'InterviewRescheduled', data: { interviewId: 'i-1', start: iso(h), end: iso(h + 1), by: 'expert', at: now.toISOString() } });
    spec.given(confirmedCall()).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(200) }, expert, later(77))).thenThrows(IllegalStateError, codeIs('INTERVIEW.TOO_LATE_TO_RESCHEDULE'));
    spec.given([...confirmedCall(), moved(110), moved(120)]).when(cmd('RescheduleInterview', { interviewId: 'i-1', start: iso(200) })).thenThrows(IllegalStateError, codeIs('INTERVIEW.TOO_MANY_RESCHEDULES'));
  });
});

describe('the call itself', () => {
  const completed: InterviewEvent = { type: 'InterviewCompleted', data: { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', actualMinutes: 55, at: iso(101) } };
  it('completion records the actual length, after the start, by the expert', () => {
    spec.given(confirmedCall()).when(cmd('CompleteInterview', { interviewId: 'i-1', actualMinutes: 55 }, expert, later(101))).then([completed]);
    spec.given(confirmedCall()).when(cmd('CompleteInterview', { interviewId: 'i-1', actualMinutes: 55 }, expert, later(99))).thenThrows(IllegalStateError, codeIs('INTERVIEW.NOT_STARTED'));
    spec.given(confirmedCall()).when(cmd('CompleteInterview', { interviewId: 'i-1', actualMinutes: 0 }, expert, later(101))).thenThrows(ValidationError);
    spec.given([requested(), accepted()]).when(cmd('CompleteInterview', { interviewId: 'i-1', actualMinutes: 55 }, expert, later(101))).thenThrows(IllegalStateError);
  });
  it('both sides rate each other once', () => {
    spec.given([...confirmedCall(), completed]).when(cmd('RateInterview', { interviewId: 'i-1', score: 4 }, enterprise)).then([
      { type: 'InterviewRated', data: { interviewId: 'i-1', expertId: 'exp-1', organisationId: 'org-a', by: 'enterprise', score: 4, at: now.toISOString() } },
    ]);
    const rated: InterviewEvent = { type: 'InterviewRated', data: { interviewId: 'i-1', by: 'expert', score: 5, at: now.toISOString() } };
    spec.given([...confirmedCall(), completed, rated]).when(cmd('RateInterview', { interviewId: 'i-1', score: 5 })).thenThrows(IllegalStateError, codeIs('INTERVIEW.ALREADY_RATED'));
    spec.given([...confirmedCall(), completed]).when(cmd('RateInterview', { interviewId: 'i-1', score: 6 })).thenThrows(ValidationError);
  });
  it('a no-show is reported by the other side: an absent expert refunds everything, an absent enterprise nothing', () => {
    spec.given(confirmedCall()).when(cmd('RecordNoShow', { interviewId: 'i-1', absent: 'enterprise' }, expert, later(101))).then([
      { type: 'InterviewNoShowRecorded', data: { interviewId: 'i-1', absent: 'enterprise', refundPercent: 0, at: iso(101) } },
    ]);
    spec.given(confirmedCall()).when(cmd('RecordNoShow', { interviewId: 'i-1', absent: 'expert' }, enterprise, later(101))).then([
      { type: 'InterviewNoShowRecorded', data: { interviewId: 'i-1', absent: 'expert', refundPercent: 100, at: iso(101) } },
    ]);
    spec.given(confirmedCall()).when(cmd('RecordNoShow', { interviewId: 'i-1', absent: 'expert' }, expert, later(101))).thenThrows(ForbiddenError);
  });
});

describe('calendar state', () => {
  it('evolve copies what it changes: the state it was given stays as it was, every interview stays reachable', () => {
    const events = Array.from({ length: 300 }, (_, n) => requested(`i-${n}`, [iso(100 + n)]));
    const before = events.reduce(interviewDecider.evolve, interviewDecider.initialState);
    const frozen = JSON.stringify(before);
    const after = interviewDecider.evolve(before, accepted('i-7', 107));
    expect(JSON.stringify(before)).toBe(frozen);
    expect(interviewOf(before, 'i-7')!.status).toBe('requested');
    expect(interviewOf(after, 'i-7')!.status).toBe('accepted');
    expect(allInterviews(after)).toHaveLength(300);
    expect(interviewOf(after, 'i-299')!.proposedSlots).toEqual([iso(399)]);
  });
});
