import { projectionSpec } from '@hope/eventstore/testing';
import type { SourceObservedData } from '../../domain/what-if/source-facts';
import { sourcesProjection } from './sources.projection';
import { SqliteSourceQueries } from './sources.queries';

const fact = (id: string, occurredAt: string): SourceObservedData => ({ sourceEventId: id, sourceType: 'ClueSubmitted', occurredAt, data: { expertId: 'ann' }, retractKeys: [], retracts: [] });

describe('points_sources projection (given events, then rows; rebuild equals live)', () => {
  it('lists the observed source facts in the order they occurred, up to an instant', async () => {
    await projectionSpec(
      sourcesProjection,
      [
        { stream: 'source-b', type: 'SourceObserved', data: fact('b', '2030-03-02T00:00:00.000Z') },
        { stream: 'source-a', type: 'SourceObserved', data: fact('a', '2030-03-01T00:00:00.000Z') },
        { stream: 'source-c', type: 'SourceObserved', data: fact('c', '2030-04-01T00:00:00.000Z') },
        { stream: 'account-ann', type: 'PointsReserved', data: {} },
      ],
      (db) => {
        const sources = new SqliteSourceQueries(db);
        expect([...sources.factsBefore(new Date('2030-04-01T00:00:00.000Z'))].map((f) => f.sourceEventId)).toEqual(['a', 'b']);
        expect(sources.recordingSince()).toEqual(expect.any(String));
      },
    );
  });
});
