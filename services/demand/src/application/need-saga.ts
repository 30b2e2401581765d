import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { CLOCK, currentCorrelationId, EVENT_STORE, IDS, PROJECTIONS, RemoteProblemError, SERVICE_CLIENT, type Clock, type IdSource, type ServiceClient } from '@hope/platform';
import type { Actor } from '../domain/actor';
import { needDecider, NEED_PRICE_ITEM, needStepKey, needStream, type NeedCommand } from '../domain/need/need.decide';
import type { NeedEvent } from '../domain/need/need.events';
import type { Need } from '../domain/need/need.state';

type CommandOf<T extends NeedCommand['type']> = Extract<NeedCommand, { type: T }>;
const saga: Actor = { subject: 'demand', role: 'service' };

interface ReservationAnswer {
  reservationId: string;
  points: number;
  status: string;
}

/**
 * The publish-a-need saga. `execute` records a decision; `advance` makes the one call to the points
 * service the recorded status asks for and records its answer. Both the request path and the saga job
 * call `advance`: after a crash, the job finds the step left undone and makes the same call again with
 * the same Idempotency-Key (reserve) or on the same reservation (capture, release: no-ops when repeated).
 */
@Injectable()
export class NeedSaga {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(SERVICE_CLIENT) private readonly points: ServiceClient,
  ) {}

  newId(): string {
    return this.ids.next();
  }

  async execute<T extends NeedCommand['type']>(needId: string, type: T, data: CommandOf<T>['data'], by: Actor, commandId = `${needId}:${type}`): Promise<Need> {
    const command = { type, data, metadata: { now: this.clock.now(), by } } as NeedCommand;
    const correlationId = currentCorrelationId();
    const result = await handleCommand(this.store, needStream(needId), needDecider, command, { commandId, handler: `need.${type}`, ...(correlationId ? { correlationId } : {}) });
    if (result.position) await this.projections.waitFor(result.position);
    return result.state;
  }

  /** Ends an overdue review; true only for the call that recorded the timeout (a repeat records nothing). */
  async timeOutReview(needId: string): Promise<boolean> {
    const command = { type: 'TimeOutReview', data: {}, metadata: { now: this.clock.now(), by: saga } } as NeedCommand;
    const result = await handleCommand(this.store, needStream(needId), needDecider, command, { commandId: `${needId}:TimeOutReview`, handler: 'need.TimeOutReview' });
    if (result.position) await this.projections.waitFor(result.position);
    return result.appended > 0;
  }

  async load(needId: string): Promise<Need> {
    let state = needDecider.initialState;
    for await (const e of this.store.readStream(needStream(needId))) state = needDecider.evolve(state, { type: e.type, data: e.data } as NeedEvent);
    return state;
  }

  /** Runs the pending steps until the saga waits for a person (review) or ends. Unreachable points: left for the job. */
  async advance(needId: string): Promise<Need> {
    for (;;) {
      const n = await this.load(needId);
      if (n.status === 'none') return n;
      const account = `/accounts/${encodeURIComponent(n.expertId)}/redemptions`;
      switch (n.status) {
        case 'reserving':
          try {
            const r = await this.points.call<ReservationAnswer>('points', { method: 'POST', path: account, body: { itemId: NEED_PRICE_ITEM }, idempotencyKey: needStepKey(needId, 'reserve') });
            await this.execute(needId, 'RecordReservation', { reservationId: r.reservationId, points: r.points }, saga);
          } catch (error) {
            // 4xx is the points service's answer (not enough points, debt, unknown expert): the saga ends.
            if (!(error instanceof RemoteProblemError) || error.status >= 500 || error.status === 409) throw error;
            await this.execute(needId, 'RecordReservationRefused', { code: error.remoteCode }, saga);
          }
          break;
        case 'capturing':
          try {
            await this.points.call('points', { method: 'POST', path: `${account}/${n.reservationId!}/capture`, idempotencyKey: needStepKey(needId, 'capture') });
            await this.execute(needId, 'RecordCapture', {}, saga);
          } catch (error) {
            // The points service released the reservation on its own timeout: nothing was spent. Any other
            // 409 (a concurrency conflict there) is retried by the job.
            if (!(error instanceof RemoteProblemError) || error.remoteCode !== 'POINTS.RESERVATION_RELEASED') throw error;
            await this.execute(needId, 'RecordCaptureFailed', { code: error.remoteCode }, saga);
          }
          break;
        case 'releasing':
          await this.points.call('points', { method: 'POST', path: `${account}/${n.reservationId!}/release`, body: { reason: 'fulfilment-failed' }, idempotencyKey: needStepKey(needId, 'release') });
          await this.execute(needId, 'RecordRelease', {}, saga);
          break;
        default:
          return n;
      }
    }
  }
}
