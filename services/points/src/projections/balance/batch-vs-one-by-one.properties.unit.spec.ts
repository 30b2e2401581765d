import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { DAY, history, play, START } from '../../domain/account/account.arbitraries';
import { DEFAULT_RULES } from '../../domain/rules/earning-rules';
import { RULEBOOK_STREAM } from '../../domain/rulebook/rulebook.decide';
import { leaderboardProjection } from '../leaderboard/leaderboard.projection';
import { balanceProjection } from './balance.projection';

const matches = (p: SqlProjection, e: RecordedEvent) =>
  (p.filter.eventTypes === undefined || p.filter.eventTypes.includes(e.type)) && (p.filter.streamPrefixes ?? ['']).some((prefix) => e.stream.startsWith(prefix));

const rows = (db: Database.Database, p: SqlProjection) =>
  Object.fromEntries(
    p.tables.map((t) => {
      const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${t}')`).all().map((c) => `"${c.name}"`);
      return [t, db.prepare(`SELECT ${columns.join(', ')} FROM "${t}" ORDER BY ${columns.join(', ')}`).raw().all()];
    }),
  );

const at = (day: number) => new Date(START + day * DAY).toISOString();
const tierChanged = (expertId: string, to: string, day: number) => ({ stream: `account-${expertId}`, type: 'TierChanged', data: { expertId, from: 'none', to, earnedInYear: 150, at: at(day) } });
const rulesChanged = (day: number) => ({
  stream: RULEBOOK_STREAM,
  type: 'RulesChanged',
  data: { ...DEFAULT_RULES, version: 2, effectiveFrom: at(day), tiers: { ...DEFAULT_RULES.tiers!, windowDays: 90 }, reason: 'shorter window', by: 'op', at: at(day) },
});

/** Three accounts' random histories interleaved, with tier and rule changes dropped in at random places. */
const mixedStream = fc
  .tuple(history, history, history, fc.array(fc.nat(2), { maxLength: 200 }), fc.tuple(fc.nat(200), fc.nat(200), fc.nat(200)))
  .map(([h0, h1, h2, picks, [tierAt, untierAt, rulesAt]]) => {
    const queues = [h0, h1, h2].map((h, i) =>
      play(h).events.map((e) => ({ stream: `account-e${i}`, type: e.type, data: { ...e.data, expertId: `e${i}` } as unknown })),
    );
    const out: { stream: string; type: string; data: unknown }[] = [];
    let pick = 0;
    while (queues.some((q) => q.length > 0)) {
      const from = queues.filter((q) => q.length > 0);
      out.push(from[(picks[pick++] ?? 0) % from.length]!.shift()!);
    }
    const insert = (position: number, e: (typeof out)[number]) => out.splice(position % (out.length + 1), 0, e);
    insert(tierAt, tierChanged('e0', 'bronze', 10));
    insert(rulesAt, rulesChanged(40));
    insert(Math.max(tierAt, untierAt), tierChanged('e0', 'none', 80));
    insert(untierAt, tierChanged('e1', 'silver', 20));
    return out.map((e, i): RecordedEvent => ({ ...e, id: `e${i}`, revision: i, position: { commit: BigInt(i + 1), prepare: BigInt(i + 1) }, recordedAt: new Date(START + i * 1_000), metadata: {} }));
  });

describe('a read model applied in batches (applyBatch) equals the same events applied one at a time (apply)', () => {
  it.each([balanceProjection, leaderboardProjection])('$name: same rows, whatever the batch boundaries', (projection) => {
    fc.assert(
      fc.property(mixedStream, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (events, sizes) => {
        const oneByOne = new Database(':memory:');
        const batched = new Database(':memory:');
        try {
          for (const db of [oneByOne, batched]) db.exec(projection.schema);
          const relevant = events.filter((e) => matches(projection, e));
          for (const e of relevant) projection.apply(oneByOne, e);
          for (let from = 0, i = 0; from < relevant.length; i++) {
            const size = sizes[i % sizes.length]!;
            projection.applyBatch!(batched, relevant.slice(from, from + size));
            from += size;
          }
          expect(rows(batched, projection)).toEqual(rows(oneByOne, projection));
        } finally {
          oneByOne.close();
          batched.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
