import { DeciderSpecification } from '@hope/kernel/testing';
import { funnelDecider, type FunnelCommand } from './funnel.decide';
import type { FunnelEvent } from './funnel.events';

const spec = DeciderSpecification.for(funnelDecider);
const now = new Date('2030-01-01T08:00:00.000Z');
const cmd = <T extends FunnelCommand['type']>(type: T, data: Extract<FunnelCommand, { type: T }>['data']) => ({ type, data, metadata: { now } }) as Extract<FunnelCommand, { type: T }>;
const matches = (expertIds: string[], sourceEventId = 'm-1') => cmd('RecordMatches', { demandId: 'd-1', expertIds, matchedAt: '2030-01-01T07:00:00.000Z', sourceEventId });
const matched = (expertIds: string[], sourceEventId = 'm-1'): FunnelEvent => ({ type: 'ExpertsMatchedToDemand', data: { demandId: 'd-1', expertIds, matchedAt: '2030-01-01T07:00:00.000Z', sourceEventId } });
const view = (expertId: string) => cmd('RecordView', { demandId: 'd-1', expertId });
const viewed = (expertId: string): FunnelEvent => ({ type: 'DemandViewed', data: { demandId: 'd-1', expertId, viewedAt: now.toISOString() } });

describe('a demand funnel: matched and viewed, once per expert', () => {
  it('records the experts matched, each once however often matching names them', () => {
    spec.given([]).when(matches(['x-2', 'x-1', 'x-1'])).then([matched(['x-1', 'x-2'])]);
    spec.given([matched(['x-1', 'x-2'])]).when(matches(['x-2', 'x-3'], 'm-2')).then([matched(['x-3'], 'm-2')]);
    spec.given([matched(['x-1', 'x-2'])]).when(matches(['x-1'], 'm-3')).thenNothingHappened();
  });
  it("records an expert's first opening of the details only", () => {
    spec.given([]).when(view('x-1')).then([viewed('x-1')]);
    spec.given([viewed('x-1')]).when(view('x-1')).thenNothingHappened();
    spec.given([viewed('x-1')]).when(view('x-2')).then([viewed('x-2')]);
  });
});
