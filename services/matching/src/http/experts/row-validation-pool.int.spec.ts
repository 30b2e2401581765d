import { ValidationError } from '@hope/kernel';
import { validateRow } from './expert-import-row';
import { RowValidationPool } from './row-validation-pool';

/** The validation threads give exactly what validating on this thread gives: rows, or the fields at fault. */
describe('expert import: rows validated on a worker thread', () => {
  jest.setTimeout(60_000);
  const pool = new RowValidationPool(1);
  afterAll(() => pool.close());

  const outcome = async (validate: (v: unknown) => Promise<unknown>, value: unknown) => {
    try {
      return { row: await validate(value) };
    } catch (error) {
      return { fields: (error as ValidationError).fields, validation: error instanceof ValidationError };
    }
  };

  it('given valid and invalid rows sent in one tick, then the same rows and field problems as in-thread, from a thread', async () => {
    const values: unknown[] = [
      { externalId: 'a1', name: 'Ann', bio: { zh: '压缩机' }, skills: [{ name: 'acoustics', lastPractised: 2024 }] },
      { externalId: 'a2', name: 'Ben', skills: [{ name: 'acoustics', lastPractised: 'recently' }] },
      { name: 'no id' },
      { externalId: 'a3', name: 'x', invitationCode: '6f1c1c33-7d5e-4b8e-9d1a-3f0a3c2f1b10' },
      [1, 2],
      JSON.parse(`{"externalId":"a4","name":"deep","bio":${'['.repeat(5_000)}${']'.repeat(5_000)}}`),
    ];
    const threaded = await Promise.all(values.map((v) => outcome(pool.validate, v)));
    expect(pool.threads).toBe(1);
    const here = await Promise.all(values.map((v) => outcome(validateRow, v)));
    expect(threaded).toEqual(here);
    expect(threaded[0]).toEqual({ row: { externalId: 'a1', profile: { name: 'Ann', bio: { zh: '压缩机' }, skills: [{ name: 'acoustics', lastPractised: 2024 }] } } });
    expect(threaded.slice(1).every((o) => 'validation' in o && o.validation)).toBe(true);
  });
});
