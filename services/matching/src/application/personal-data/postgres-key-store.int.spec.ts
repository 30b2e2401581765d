import { randomUUID } from 'node:crypto';
import { PersonalDataCipher } from './personal-data-cipher';
import { PostgresKeyStore } from './postgres-key-store';

// PostgreSQL on this machine (trust auth); point MATCHING_KEYS_TEST_URL elsewhere to run it there.
const url = process.env.MATCHING_KEYS_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const eventually = async (check: () => void, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
};

describe('PostgresKeyStore: one key store every matching replica sees', () => {
  const opened: PostgresKeyStore[] = [];
  const replica = async () => {
    const store = await PostgresKeyStore.open(url);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });
  // Unique ids: the table is shared with earlier runs and other tests on the same database.
  const expert = () => `e-${randomUUID()}`;

  it('two replicas creating one expert\'s key at once agree on one key', async () => {
    const [a, b] = [await replica(), await replica()];
    const id = expert();
    await Promise.all([a.prepare(id), b.prepare(id)]);
    expect(a.keyFor(id).equals(b.keyFor(id))).toBe(true);
    // What one replica seals, the other opens.
    const sealed = new PersonalDataCipher(a).seal(id, { name: 'Ada' });
    expect(new PersonalDataCipher(b).open(id, sealed)).toEqual({ name: 'Ada' });
  });

  it('a key created on one replica becomes readable on the other without a command there', async () => {
    const [a, b] = [await replica(), await replica()];
    const id = expert();
    await a.prepare(id);
    await eventually(() => expect(b.find(id)?.equals(a.keyFor(id))).toBe(true));
  });

  it('forget on one replica: erased on both, for good; a restarted replica erases nobody else', async () => {
    const [a, b] = [await replica(), await replica()];
    const [forgotten, kept] = [expert(), expert()];
    await a.prepare(forgotten);
    await b.prepare(kept);
    await b.prepare(forgotten);
    const keptKey = b.keyFor(kept);

    await a.delete(forgotten);
    // Durable and committed before delete() resolves (ExpertForgotten comes after): a fresh reader sees it.
    const fresh = await replica();
    expect(fresh.find(forgotten)).toBeUndefined();
    expect(a.find(forgotten)).toBeUndefined();
    await eventually(() => expect(b.find(forgotten)).toBeUndefined());
    // A retried join racing the forget never mints a new key for the forgotten expert.
    await b.prepare(forgotten);
    expect(b.find(forgotten)).toBeUndefined();
    expect(() => b.keyFor(forgotten)).toThrow(/forgotten/);

    await b.close();
    const restarted = await replica();
    expect(restarted.find(kept)?.equals(keptKey)).toBe(true);
    expect(restarted.find(forgotten)).toBeUndefined();
  });
});
