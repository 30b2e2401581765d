import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourceDigests } from './resource-corpus';

/**
 * Given seeded resources with revisions and withdrawals, when the compact resource index answers the
 * corpus's queries (bounded and exhaustive), then every answer is the one the index before the compact
 * core gave (golden/resources.json, recorded from it).
 */
describe('the compact resource index answers exactly as the index before it', () => {
  it('bounded and exhaustive searches', () => {
    expect(resourceDigests()).toEqual(JSON.parse(readFileSync(join(__dirname, 'golden/resources.json'), 'utf8')));
  });
});
