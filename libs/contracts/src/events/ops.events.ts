import { PayloadReader } from '../payload';
import type { EventDefinition } from '../registry';
import type { ServiceName } from '../topics';
import { object, optionalString, string, timestamp } from '../schema/json-schema';

/**
 * An SRE's end-to-end smoke test: a probe appended in one service's store and published by its relay;
 * every other service records that it received it. `GET /ops/probes/:id` shows who did.
 */
export interface ProbeSentV1 {
  probeId: string;
  from: ServiceName;
  sentAt: string;
  note?: string;
}

export const ProbeSent: EventDefinition<ProbeSentV1> = {
  type: 'ProbeSent',
  version: 1,
  schemas: { 1: object({ probeId: string, from: string, sentAt: timestamp }, { note: optionalString }) },
  parse(data) {
    const r = new PayloadReader('ProbeSent', data);
    const note = r.optionalString('note');
    return {
      probeId: r.string('probeId'),
      from: r.string('from') as ServiceName,
      sentAt: r.timestamp('sentAt'),
      ...(note !== undefined ? { note } : {}),
    };
  },
};
