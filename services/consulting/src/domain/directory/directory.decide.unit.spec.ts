import { DeciderSpecification } from '@hope/kernel/testing';
import { demandDirectoryDecider, expertDirectoryDecider } from './directory.decide';

describe('directory: what consulting knows exists', () => {
  it('notes an expert once: a redelivery or a second join adds nothing', () => {
    const spec = DeciderSpecification.for(expertDirectoryDecider);
    const expert = { expertId: 'x-1', joinedAt: '2030-01-01T00:00:00.000Z' };
    spec.given([]).when({ type: 'NoteExpert', data: expert }).then([{ type: 'ExpertBecameKnown', data: expert }]);
    spec.given([{ type: 'ExpertBecameKnown', data: expert }]).when({ type: 'NoteExpert', data: expert }).thenNothingHappened();
  });

  it('notes a demand once', () => {
    const spec = DeciderSpecification.for(demandDirectoryDecider);
    const demand = { demandId: 'd-1', publishedAt: '2030-01-01T00:00:00.000Z' };
    spec.given([]).when({ type: 'NoteDemand', data: demand }).then([{ type: 'DemandBecameKnown', data: demand }]);
    spec.given([{ type: 'DemandBecameKnown', data: demand }]).when({ type: 'NoteDemand', data: demand }).thenNothingHappened();
  });
});
