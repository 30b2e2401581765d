import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AggregateHandler, type EventStore } from '@hope/kernel';
import { SqliteEventStore } from '@hope/eventstore';
import { collect } from '@hope/eventstore/testing';
import { expertAggregate } from '../domain/expert/expert.aggregate';
import { importExperts, importedExpertId, type ImportExpertsDeps } from './import-experts.use-case';
import type { ParsedRow } from './import-lines';
import { SqliteKeyStore } from './personal-data/key-store';
import { PersonalDataCipher } from './personal-data/personal-data-cipher';

/** Idempotent per external id, on a real store on disk: concurrent imports of one file, a rerun after a crash. */
describe('import experts: nothing recorded twice', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let store: SqliteEventStore;
  let keys: SqliteKeyStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-import-experts-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    keys = new SqliteKeyStore(join(dir, 'keys.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const COUNT = 600;
  async function* file(): AsyncGenerator<ParsedRow> {
    for (let i = 0; i < COUNT; i++) yield { line: i + 1, raw: { externalId: `x${i}`, name: `Expert ${i}` } };
  }
  /** A process of its own: its own handler (and cache) over the shared store and keys. */
  const replica = (s: EventStore = store): ImportExpertsDeps => {
    const cipher = new PersonalDataCipher(keys);
    return {
      experts: new AggregateHandler(s, expertAggregate(cipher)),
      clock: { now: () => new Date('2026-06-01T00:00:00Z') },
      keys: cipher,
      validate: async (v) => ({ externalId: String((v as { externalId: string }).externalId), profile: { name: String((v as { name: string }).name) } }),
      nextId: randomUUID,
    };
  };
  const joinsPerExpert = async () => {
    const counts = await Promise.all(Array.from({ length: COUNT }, async (_, i) => (await collect(store.readStream(`expert-${importedExpertId(`x${i}`)}`))).filter((e) => e.type === 'ExpertJoined').length));
    return new Set(counts);
  };

  it('given two replicas importing the same file at once, then each expert joined once and no row is refused', async () => {
    const [a, b] = await Promise.all([importExperts(replica(), file()), importExperts(replica(), file())]);
    expect(a.report.rejected + b.report.rejected).toBe(0);
    // Each counts every row once (a row the other replica wrote first may count as joined: the store took the same events as a no-op).
    expect(a.report.joined + a.report.unchanged).toBe(COUNT);
    expect(b.report.joined + b.report.unchanged).toBe(COUNT);
    expect(await joinsPerExpert()).toEqual(new Set([1]));
  });

  it('given an import that died part way (the store failed under it), when it is run again, then it finishes and nothing is recorded twice', async () => {
    let appends = 0;
    const written: Promise<unknown>[] = [];
    const dying = new Proxy(store, {
      get(target, p) {
        if (p === 'append') {
          return (...args: Parameters<EventStore['append']>) => {
            if (++appends > 250) return Promise.reject(new Error('killed'));
            const w = target.append(...args);
            written.push(w);
            return w;
          };
        }
        const v = Reflect.get(target, p) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    await expect(importExperts(replica(dying), file())).rejects.toThrow('killed');
    // What the dead process had sent reached the disk (or not) before the rerun starts.
    await Promise.allSettled(written);
    const rerun = await importExperts(replica(), file());
    expect(rerun.report).toMatchObject({ rows: COUNT, rejected: 0, updated: 0 });
    expect(rerun.report.unchanged).toBe(250);
    expect(rerun.report.joined).toBe(COUNT - 250);
    expect(await joinsPerExpert()).toEqual(new Set([1]));
  });
});
