import { aggregate, IllegalStateError } from '@hope/kernel';

/**
 * The pipeline probe: an operator sends one from any service; its relay publishes ProbeSent; every
 * other service records ProbeReceived in its own store. Each service answers for its own record.
 */
export type ProbeEvent =
  | { type: 'ProbeSent'; data: { probeId: string; from: string; sentAt: string; note?: string } }
  | { type: 'ProbeReceived'; data: { probeId: string; from: string; receivedAt: string; sourceEventId: string } };

export type ProbeCommand =
  | { type: 'SendProbe'; data: { probeId: string; from: string; note?: string }; metadata: { now: Date } }
  | { type: 'RecordProbeReceipt'; data: { probeId: string; from: string; sourceEventId: string }; metadata: { now: Date } };

export interface ProbeState {
  sent?: { from: string; sentAt: string; note?: string };
  receipts: { from: string; receivedAt: string; sourceEventId: string }[];
}

export const initialState: ProbeState = { receipts: [] };

export const decide = (cmd: ProbeCommand, state: ProbeState): ProbeEvent[] => {
  switch (cmd.type) {
    case 'SendProbe':
      if (state.sent) throw new IllegalStateError('PROBE.ALREADY_SENT', `Probe ${cmd.data.probeId} was already sent`);
      return [{ type: 'ProbeSent', data: { ...cmd.data, sentAt: cmd.metadata.now.toISOString() } }];
    case 'RecordProbeReceipt':
      // Deliberately no "already received" check: exactly-once effect must come from the
      // idempotent consumer (deterministic event ids), and the e2e tests prove that it does.
      return [{ type: 'ProbeReceived', data: { ...cmd.data, receivedAt: cmd.metadata.now.toISOString() } }];
  }
};

export const evolve = (state: ProbeState, event: ProbeEvent): ProbeState => {
  switch (event.type) {
    case 'ProbeSent': {
      const { from, sentAt, note } = event.data;
      return { ...state, sent: { from, sentAt, ...(note !== undefined ? { note } : {}) } };
    }
    case 'ProbeReceived': {
      const { from, receivedAt, sourceEventId } = event.data;
      return { ...state, receipts: [...state.receipts, { from, receivedAt, sourceEventId }] };
    }
    default:
      return state;
  }
};

export const probeDecider = { decide, evolve, initialState };
export const probeStream = (probeId: string): string => `probe-${probeId}`;

/** Every service carries probes; handler names (and so event ids) are the service's own. */
export const probeAggregate = (service: string) =>
  aggregate<ProbeState, ProbeCommand, ProbeEvent>({
    name: `${service}.probe`,
    streamOf: probeStream,
    decider: probeDecider,
    handlerNames: { SendProbe: `${service}.send-probe`, RecordProbeReceipt: `${service}.probe-receipt` },
  });
