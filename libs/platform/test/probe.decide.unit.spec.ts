import { DeciderSpecification } from '@hope/eventstore/testing';
import { IllegalStateError, probeDecider, type ProbeEvent } from '@hope/platform';

const now = new Date('2026-11-25T10:00:00.000Z');
const spec = DeciderSpecification.for(probeDecider);
const sent: ProbeEvent = { type: 'ProbeSent', data: { probeId: 'p-1', from: 'demand', sentAt: now.toISOString() } };
const received: ProbeEvent = { type: 'ProbeReceived', data: { probeId: 'p-1', from: 'demand', receivedAt: now.toISOString(), sourceEventId: 'e-1' } };

describe('pipeline probe', () => {
  it('given nothing, when a probe is sent, then ProbeSent records who sent it and when', () => {
    spec.given([]).when({ type: 'SendProbe', data: { probeId: 'p-1', from: 'demand', note: 'after deploy' }, metadata: { now } }).then([
      { type: 'ProbeSent', data: { probeId: 'p-1', from: 'demand', note: 'after deploy', sentAt: now.toISOString() } },
    ]);
  });

  it('given a sent probe, when it is sent again, then it is refused', () => {
    spec.given([sent]).when({ type: 'SendProbe', data: { probeId: 'p-1', from: 'demand' }, metadata: { now } }).thenThrows(IllegalStateError, (e) =>
      expect((e as IllegalStateError).code).toBe('PROBE.ALREADY_SENT'),
    );
  });

  it('given a receipt, when the receipt is recorded again, then the decider records it again (dedup is the consumer\'s job)', () => {
    spec.given([received]).when({ type: 'RecordProbeReceipt', data: { probeId: 'p-1', from: 'demand', sourceEventId: 'e-1' }, metadata: { now } }).then([received]);
  });

  it('folds receipts in order', () => {
    const state = [sent, received].reduce(probeDecider.evolve, probeDecider.initialState);
    expect(state).toEqual({ sent: { from: 'demand', sentAt: now.toISOString() }, receipts: [{ from: 'demand', receivedAt: now.toISOString(), sourceEventId: 'e-1' }] });
  });
});
