import type { ExpertEvent, StoredExpertEvent } from '../../domain/expert/expert.events';
import { SqliteKeyStore } from './key-store';
import { PersonalDataCipher } from './personal-data-cipher';
import { openExpertEvent, sealExpertEvent, sealedExpertDecider } from '../../domain/expert/sealed-expert.decider';

const at = '2026-03-01T09:00:00.000Z';
const joined: ExpertEvent = {
  type: 'ExpertJoined',
  data: { expertId: 'e-1', profile: { name: 'Li Wei', email: 'li@x.cn', expertise: { zh: '压缩机' }, employers: [{ employer: 'Haier', organisationId: 'org-haier', from: '2015-01' }] }, joinedAt: at },
};

describe('crypto-shredding: personal fields sealed with the expert key', () => {
  let keys: SqliteKeyStore;
  let cipher: PersonalDataCipher;
  beforeEach(() => {
    keys = new SqliteKeyStore(':memory:');
    cipher = new PersonalDataCipher(keys);
  });
  afterEach(() => keys.close());

  it('the stored event holds the personal fields only sealed; opened with the key it is the domain event again', () => {
    const stored = sealExpertEvent(cipher, joined);
    expect(JSON.stringify(stored)).not.toMatch(/Li Wei|li@x\.cn|Haier/);
    expect(stored.data).toMatchObject({ profile: { expertise: { zh: '压缩机' } }, personal: { alg: 'A256GCM' } });
    expect(openExpertEvent(cipher, stored)).toEqual(joined);
  });

  it('the key is per expert: a sealed blob moved to another expert does not open', () => {
    const stored = sealExpertEvent(cipher, joined) as Extract<StoredExpertEvent, { type: 'ExpertJoined' }>;
    keys.keyFor('e-2');
    expect(() => cipher.open('e-2', stored.data.personal!)).toThrow();
  });

  it('once the key is deleted, replaying the same events gives the erased placeholder, never the data', () => {
    const decider = sealedExpertDecider(cipher);
    const [stored] = decider.decide({ type: 'JoinExpert', data: { expertId: 'e-1', profile: joined.data.profile }, metadata: { now: new Date(at) } }, decider.initialState);
    expect(decider.evolve(decider.initialState, stored!)).toMatchObject({ status: 'member', profile: { name: 'Li Wei' } });
    cipher.forget('e-1');
    const replayed = decider.evolve(decider.initialState, stored!);
    expect(replayed).toMatchObject({ status: 'member', profile: { name: '(erased)', expertise: { zh: '压缩机' } } });
    expect(JSON.stringify(replayed)).not.toMatch(/Li Wei|li@x\.cn|Haier/);
  });
});
