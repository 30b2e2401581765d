import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, ValidationError, type Principal } from '@hope/kernel';
import { needDecider, NEED_REVIEW_WINDOW_MS, type NeedCommand } from './need.decide';
import type { NeedEvent } from './need.events';

const spec = DeciderSpecification.for(needDecider);
const now = new Date('2030-01-01T08:00:00.000Z');
const at = now.toISOString();
const expert: Principal = { subject: 'x-1', role: 'expert' };
const operator: Principal = { subject: 'op-1', role: 'operator' };
const saga: Principal = { subject: 'demand', role: 'service' };
const content = { title: { en: 'Cheap thermal camera' }, description: { zh: '需要低成本热像仪' }, domain: 'industrial-internet', keywords: ['thermal'] };
const cmd = <T extends NeedCommand['type']>(type: T, data: Extract<NeedCommand, { type: T }>['data'], by: Principal = saga, when = now) =>
  ({ type, data, metadata: { now: when, by } }) as Extract<NeedCommand, { type: T }>;

const requested: NeedEvent = { type: 'NeedRequested', data: { needId: 'n-1', expertId: 'x-1', content, requestedAt: at, reviewDeadline: new Date(now.getTime() + NEED_REVIEW_WINDOW_MS).toISOString() } };
const reserved: NeedEvent = { type: 'NeedPointsReserved', data: { needId: 'n-1', reservationId: 'r-1', points: 100, at } };
const approved: NeedEvent = { type: 'NeedApproved', data: { needId: 'n-1', approvedBy: 'op-1', at } };
const rejected: NeedEvent = { type: 'NeedRejected', data: { needId: 'n-1', reason: 'spam', rejectedBy: 'op-1', at } };
const captured: NeedEvent = { type: 'NeedPointsCaptured', data: { needId: 'n-1', reservationId: 'r-1', at } };
const released: NeedEvent = { type: 'NeedPointsReleased', data: { needId: 'n-1', reservationId: 'r-1', at } };
const codeIs = (code: string) => (e: Error) => expect((e as IllegalStateError).code).toBe(code);
const stateOf = (events: NeedEvent[]) => events.reduce(needDecider.evolve, needDecider.initialState);

describe('need saga: request and reservation', () => {
  it('an expert requests; the review deadline is set from the clock', () => {
    spec.given([]).when(cmd('RequestNeed', { needId: 'n-1', content }, expert)).then([requested]);
  });
  it('refuses an enterprise, and a need without a title', () => {
    spec.given([]).when(cmd('RequestNeed', { needId: 'n-1', content }, { subject: 'a', role: 'enterprise', organisationId: 'o' })).thenThrows(ForbiddenError);
    spec.given([]).when(cmd('RequestNeed', { needId: 'n-1', content: { ...content, title: {} } }, expert)).thenThrows(ValidationError);
  });
  it('records the reservation once: a redelivered answer records nothing', () => {
    spec.given([requested]).when(cmd('RecordReservation', { reservationId: 'r-1', points: 100 })).then([reserved]);
    spec.given([requested, reserved]).when(cmd('RecordReservation', { reservationId: 'r-1', points: 100 })).thenNothingHappened();
  });
  it('a refused reservation ends the saga', () => {
    spec.given([requested]).when(cmd('RecordReservationRefused', { code: 'POINTS.INSUFFICIENT' })).then([{ type: 'NeedReservationRefused', data: { needId: 'n-1', code: 'POINTS.INSUFFICIENT', at } }]);
    expect(stateOf([requested, { type: 'NeedReservationRefused', data: { needId: 'n-1', code: 'POINTS.INSUFFICIENT', at } }])).toMatchObject({ status: 'refused' });
  });
});

describe('need saga: review, capture, release', () => {
  it('an operator approves a need in review; approving again is a no-op; an expert may not', () => {
    spec.given([requested, reserved]).when(cmd('ApproveNeed', {}, operator)).then([approved]);
    spec.given([requested, reserved, approved]).when(cmd('ApproveNeed', {}, operator)).thenNothingHappened();
    spec.given([requested, reserved]).when(cmd('ApproveNeed', {}, expert)).thenThrows(ForbiddenError);
  });
  it('refuses reviewing before the points are reserved, and approving a rejected need', () => {
    spec.given([requested]).when(cmd('ApproveNeed', {}, operator)).thenThrows(IllegalStateError, codeIs('NEED.ILLEGAL_TRANSITION'));
    spec.given([requested, reserved, rejected]).when(cmd('ApproveNeed', {}, operator)).thenThrows(IllegalStateError, codeIs('NEED.ILLEGAL_TRANSITION'));
  });
  it('approved -> captured -> listing; a second capture answer records nothing', () => {
    spec.given([requested, reserved, approved]).when(cmd('RecordCapture', {})).then([captured]);
    spec.given([requested, reserved, approved, captured]).when(cmd('RecordCapture', {})).thenNothingHappened();
    expect(stateOf([requested, reserved, approved, captured])).toMatchObject({ status: 'listing', publishedAt: at, approvedBy: 'op-1' });
  });
  it('paid -> listed as a demand -> published, once; a need captured before needs became demands folds to listing, so it is listed too', () => {
    const listed: NeedEvent = { type: 'NeedListed', data: { needId: 'n-1', demandId: 'n-1', deadline: '2030-04-01T08:00:00.000Z', at } };
    spec.given([requested, reserved, approved, captured]).when(cmd('RecordListing', { demandId: 'n-1', deadline: '2030-04-01T08:00:00.000Z' })).then([listed]);
    spec.given([requested, reserved, approved, captured, listed]).when(cmd('RecordListing', { demandId: 'n-1', deadline: '2030-04-01T08:00:00.000Z' })).thenNothingHappened();
    spec.given([requested, reserved, approved]).when(cmd('RecordListing', { demandId: 'n-1', deadline: '2030-04-01T08:00:00.000Z' })).thenThrows(IllegalStateError, codeIs('NEED.ILLEGAL_TRANSITION'));
    expect(stateOf([requested, reserved, approved, captured, listed])).toMatchObject({ status: 'published', demandId: 'n-1', publishedAt: at });
    spec.given([requested, reserved, approved, captured, listed]).when(cmd('ApproveNeed', {}, operator)).thenNothingHappened();
  });
  it('rejected -> released; the reason is kept', () => {
    spec.given([requested, reserved, rejected]).when(cmd('RecordRelease', {})).then([released]);
    expect(stateOf([requested, reserved, rejected, released])).toMatchObject({ status: 'rejected', outcome: { kind: 'rejected', reason: 'spam' } });
  });
  it('times out only after the review window, then releases', () => {
    spec.given([requested, reserved]).when(cmd('TimeOutReview', {})).thenThrows(IllegalStateError, codeIs('NEED.NOT_DUE'));
    const late = new Date(now.getTime() + NEED_REVIEW_WINDOW_MS);
    const timedOut: NeedEvent = { type: 'NeedReviewTimedOut', data: { needId: 'n-1', at: late.toISOString() } };
    spec.given([requested, reserved]).when(cmd('TimeOutReview', {}, saga, late)).then([timedOut]);
    spec.given([requested, reserved, approved]).when(cmd('TimeOutReview', {}, saga, late)).thenNothingHappened();
    expect(stateOf([requested, reserved, timedOut, released])).toMatchObject({ status: 'timed-out' });
  });
});
