import type { CommandMeta, Principal } from '@hope/kernel';
import { RemoteProblemError, ServiceUnavailableError } from '@hope/platform';
import { NEED_PRICE_ITEM, needStepKey, type NeedCommand } from '../../domain/need/need.decide';
import { needAsDemand } from '../../domain/need/need.listing';
import type { Need } from '../../domain/need/need.state';
import type { NeedDeps } from './need.deps';

const saga: Principal = { subject: 'demand', role: 'service' };

interface ReservationAnswer {
  reservationId: string;
  points: number;
  status: string;
}

type Step = Pick<NeedCommand, 'type' | 'data'>;

/**
 * Records one decision of the saga. Its command id is `<needId>:<type>` unless the caller names one: a
 * step recorded again (a resumed saga, a retried request) appends nothing.
 */
export async function recordNeedStep(deps: Pick<NeedDeps, 'needs' | 'clock'>, needId: string, step: Step, by: Principal, meta?: CommandMeta): Promise<Need> {
  const command = { ...step, metadata: { now: deps.clock.now(), by } } as NeedCommand;
  return (await deps.needs.handle(needId, command, meta ?? { commandId: `${needId}:${step.type}` })).state;
}

/** Ends an overdue review; true only for the call that recorded the timeout (a repeat records nothing). */
export async function timeOutReview(deps: Pick<NeedDeps, 'needs' | 'clock'>, needId: string): Promise<boolean> {
  const outcome = await deps.needs.handle(needId, { type: 'TimeOutReview', data: {}, metadata: { now: deps.clock.now(), by: saga } }, { commandId: `${needId}:TimeOutReview` });
  return outcome.appended > 0;
}

/**
 * Runs the pending steps until the saga waits for a person (review) or ends: makes the one call to the
 * points service the recorded status asks for and records its answer; once paid, lists the need as a demand. Both the request path and the
 * saga job call it: after a crash, the job finds the step left undone and makes the same call again
 * with the same Idempotency-Key (reserve) or on the same reservation (capture, release: no-ops when repeated).
 */
export async function advanceNeed(deps: NeedDeps, needId: string): Promise<Need> {
  for (;;) {
    const n = await deps.needs.load(needId);
    if (n.status === 'none') return n;
    const account = `/accounts/${encodeURIComponent(n.expertId)}/redemptions`;
    switch (n.status) {
      case 'reserving':
        try {
          const r = await deps.points.call<ReservationAnswer>('points', { method: 'POST', path: account, body: { itemId: NEED_PRICE_ITEM }, idempotencyKey: needStepKey(needId, 'reserve') });
          await recordNeedStep(deps, needId, { type: 'RecordReservation', data: { reservationId: r.reservationId, points: r.points } }, saga);
        } catch (error) {
          // 4xx is the points service's answer (not enough points, debt, unknown expert): the saga ends.
          if (!(error instanceof RemoteProblemError) || error.status >= 500 || error.status === 409) throw error;
          await recordNeedStep(deps, needId, { type: 'RecordReservationRefused', data: { code: error.remoteCode } }, saga);
        }
        break;
      case 'capturing':
        try {
          await deps.points.call('points', { method: 'POST', path: `${account}/${n.reservationId!}/capture`, idempotencyKey: needStepKey(needId, 'capture') });
          await recordNeedStep(deps, needId, { type: 'RecordCapture', data: {} }, saga);
        } catch (error) {
          // The points service released the reservation on its own timeout: nothing was spent. Any other
          // 409 (a concurrency conflict there) is retried by the job.
          if (!(error instanceof RemoteProblemError) || error.remoteCode !== 'POINTS.RESERVATION_RELEASED') throw error;
          await recordNeedStep(deps, needId, { type: 'RecordCaptureFailed', data: { code: error.remoteCode } }, saga);
        }
        break;
      case 'listing': {
        // Paid for: the need becomes a demand like any other (ADR 0024). The demand's command id is
        // derived from the need, so a repeat after a crash lists nothing twice; the deadline recorded is
        // the demand's own (a repeat computes another, which the demand ignores).
        const listing = needAsDemand(n, deps.clock.now());
        const { state } = await deps.demands.handle(needId, { type: 'ListNeed', data: { demandId: needId, ...listing }, metadata: { now: deps.clock.now(), by: saga } }, { commandId: `${needId}:ListNeed` });
        const deadline = state.status === 'none' ? listing.content.deadline : state.content.deadline;
        await recordNeedStep(deps, needId, { type: 'RecordListing', data: { demandId: needId, deadline } }, saga);
        break;
      }
      case 'releasing':
        await deps.points.call('points', { method: 'POST', path: `${account}/${n.reservationId!}/release`, body: { reason: 'fulfilment-failed' }, idempotencyKey: needStepKey(needId, 'release') });
        await recordNeedStep(deps, needId, { type: 'RecordRelease', data: {} }, saga);
        break;
      default:
        return n;
    }
  }
}

/** The points service down is not the caller's failure: the saga job makes the call later. */
export async function advanceNeedIfReachable(deps: NeedDeps, needId: string): Promise<Need> {
  try {
    return await advanceNeed(deps, needId);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return deps.needs.load(needId);
    throw error;
  }
}
