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

  it('a later version is an earlier one with the values set since merged in by key (changedSince), and withValues rebuilds it', () => {
    const op = fc.record({ key: fc.integer({ min: 0, max: 200 }), v: fc.integer() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.nat(), (ops, cut) => {
        let table = PersistentTable.empty((r: Row) => r.id);
        const versions = [table];
        for (const o of ops) versions.push((table = table.set({ id: `k${o.key}`, v: o.v })));
        const older = versions[cut % versions.length]!;
        const merged = new Map(older.values().map((r) => [r.id, r]));
        for (const r of table.changedSince(older)) merged.set(r.id, r);
        expect([...merged.values()]).toEqual(table.values());
        // Only what was set since: never more values than sets.
        expect(table.changedSince(older).length).toBeLessThanOrEqual(versions.length - 1 - (cut % versions.length));
        const rebuilt = older.withValues([...merged.values()]);
        expect(rebuilt.values()).toEqual(table.values());
        for (let k = 0; k <= 200; k += 3) expect(rebuilt.get(`k${k}`)).toEqual(table.get(`k${k}`));
        expect(rebuilt.set({ id: 'k1', v: 7 }).get('k1')).toEqual({ id: 'k1', v: 7 });
      }),
      { numRuns: 100 },
    );
  });
});
