import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from './key-store';

/** Keys kept at hand must never outlive their erasure: a forgotten expert's key is gone at once, also from memory. */
describe('SqliteKeyStore', () => {
  let dir: string;
  let keys: SqliteKeyStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-keys-'));
    keys = new SqliteKeyStore(join(dir, 'keys.sqlite'));
  });
  afterEach(() => {
    keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a batch of distinct keys once, and answers the same key each time, also after a restart', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `ext:e${i}`);
    await keys.prepareMany(ids);
    const first = ids.map((id) => keys.find(id)!);
    expect(new Set(first.map((k) => k.toString('hex'))).size).toBe(300);
    expect(first.every((k) => k.length === 32)).toBe(true);
    await keys.prepareMany(ids);
    expect(ids.map((id) => keys.keyFor(id).toString('hex'))).toEqual(first.map((k) => k.toString('hex')));
    keys.close();
    keys = new SqliteKeyStore(join(dir, 'keys.sqlite'));
    expect(ids.map((id) => keys.find(id)!.toString('hex'))).toEqual(first.map((k) => k.toString('hex')));
  });

  it('forgets a key it was just using: find answers nothing at once, and a new key (if asked) never opens the old seals', async () => {
    await keys.prepareMany(['ext:a', 'ext:b']);
    const old = keys.keyFor('ext:a');
    expect(keys.find('ext:a')).toEqual(old);
    keys.delete('ext:a');
    expect(keys.find('ext:a')).toBeUndefined();
    expect(keys.find('ext:b')).toBeDefined();
    expect(keys.keyFor('ext:a').equals(old)).toBe(false);
  });
});
