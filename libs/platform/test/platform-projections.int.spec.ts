import type Database from 'better-sqlite3';
import { projectionSpec } from '@hope/eventstore/testing';
import { deadLettersProjection, SqliteDeadLetterQueries } from '../src/runtime/dead-letters/dead-letters.projection';
import { probeReceiptsProjection, SqliteProbeReceipts } from '../src/runtime/probe/probe.projection';

const letter = (letterId: string, at: string) => ({
  stream: `deadletter-${letterId}`,
  type: 'DeadLetterRecorded',
  data: { letterId, groupId: 'points', topic: 'hope.demand.events', partition: 0, offset: '7', key: 'k', value: '{}', headers: {}, eventId: `e-${letterId}`, eventType: 'PlanSubmitted', error: 'Error: boom', kind: 'retries-exhausted', attempts: 6, recordedAt: at },
});

describe('platform projections: given events, then rows (rebuild equals live)', () => {
  it('probe-receipts: every receipt once, newest first', async () => {
    await projectionSpec(
      probeReceiptsProjection,
      [
        { stream: 'probe-p1', type: 'ProbeReceived', data: { probeId: 'p1', from: 'demand', receivedAt: '2030-01-01T00:00:00.000Z', sourceEventId: 's1' } },
        { stream: 'probe-p2', type: 'ProbeReceived', data: { probeId: 'p2', from: 'points', receivedAt: '2030-01-02T00:00:00.000Z', sourceEventId: 's2' } },
        { stream: 'probe-p2', type: 'ProbeSent', data: { probeId: 'p2', from: 'points', sentAt: '2030-01-02T00:00:00.000Z' } },
      ],
      (db: Database.Database) => {
        expect(new SqliteProbeReceipts(db).latest(10)).toEqual([
          { probeId: 'p2', from: 'points', receivedAt: '2030-01-02T00:00:00.000Z' },
          { probeId: 'p1', from: 'demand', receivedAt: '2030-01-01T00:00:00.000Z' },
        ]);
        expect(new SqliteProbeReceipts(db).latest(1)).toHaveLength(1);
      },
    );
  });

  it('dead-letters: open until replayed, the last replay error kept, newest first with a cursor', async () => {
    await projectionSpec(
      deadLettersProjection,
      [
        letter('l1', '2030-01-01T00:00:00.000Z'),
        letter('l2', '2030-01-02T00:00:00.000Z'),
        { stream: 'deadletter-l1', type: 'DeadLetterReplayFailed', data: { letterId: 'l1', by: 'op', error: 'still broken', failedAt: '2030-01-03T00:00:00.000Z' } },
        letter('l3', '2030-01-04T00:00:00.000Z'),
        { stream: 'deadletter-l2', type: 'DeadLetterReplayed', data: { letterId: 'l2', by: 'op', replayedAt: '2030-01-05T00:00:00.000Z' } },
      ],
      (db) => {
        const q = new SqliteDeadLetterQueries(db);
        expect(q.list({ status: 'open', limit: 10 }).items.map((l) => [l.letterId, l.lastReplayError])).toEqual([
          ['l3', undefined],
          ['l1', 'still broken'],
        ]);
        expect(q.list({ status: 'replayed', limit: 10 }).items).toEqual([expect.objectContaining({ letterId: 'l2', replayedAt: '2030-01-05T00:00:00.000Z', eventType: 'PlanSubmitted', attempts: 6 })]);
        const first = q.list({ limit: 2 });
        expect(first.items.map((l) => l.letterId)).toEqual(['l3', 'l2']);
        expect(q.list({ limit: 2, before: first.next! }).items.map((l) => l.letterId)).toEqual(['l1']);
      },
    );
  });
});
