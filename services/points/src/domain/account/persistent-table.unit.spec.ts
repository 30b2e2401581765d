import fc from 'fast-check';
import { PersistentTable } from './persistent-table';

interface Row {
  readonly id: string;
  readonly v: number;
}

/**
 * The table against a model (an array of rows per version): every version, including the ones that
 * were updated again later (branches), keeps answering what it answered when it was made.
 */
describe('PersistentTable (persistent keyed table behind the account state)', () => {
  it('every version keeps its content under any sequence of sets on any earlier version', () => {
    const op = fc.record({ base: fc.nat(), key: fc.integer({ min: 0, max: 150 }), v: fc.integer() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const versions: { table: PersistentTable<Row>; model: Map<string, number> }[] = [{ table: PersistentTable.empty((r: Row) => r.id), model: new Map() }];
        for (const o of ops) {
          // Mostly extend the latest version (a fold), sometimes branch from an older one (a decider's look-ahead).
          const from = o.base % 4 === 0 ? versions[o.base % versions.length]! : versions[versions.length - 1]!;
          const id = `k${o.key}`;
          versions.push({ table: from.table.set({ id, v: o.v }), model: new Map(from.model).set(id, o.v) });
        }
        for (const { table, model } of versions) {
          expect(table.size).toBe(model.size);
          expect(table.values().map((r) => [r.id, r.v])).toEqual([...model]);
          for (let k = 0; k <= 150; k += 7) expect(table.get(`k${k}`)?.v).toBe(model.get(`k${k}`));
        }
      }),
      { numRuns: 100 },
    );
  });
});
