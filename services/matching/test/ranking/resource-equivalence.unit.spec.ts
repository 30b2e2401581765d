import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourceDigests } from './resource-corpus';

/**
 * Given seeded resources with revisions and withdrawals, when the compact resource index answers the
 * corpus's queries, then scoring every posting gives every answer the index before the compact core
 * gave (golden/resources.json, recorded from it: pairs of bounded, exhaustive), and the pruned query
 * (decision 0044) gives that same exhaustive answer: the old bounded answers are history.
 */
describe('the compact resource index answers exactly as the index before it', () => {
  it('exhaustive searches as recorded, and the pruned search equal to them', () => {
    const golden = JSON.parse(readFileSync(join(__dirname, 'golden/resources.json'), 'utf8')) as string[];
    const recordedExhaustive = golden.filter((_, i) => i % 2 === 1);
    const digests = resourceDigests();
    expect(digests.filter((_, i) => i % 2 === 1)).toEqual(recordedExhaustive);
    expect(digests.filter((_, i) => i % 2 === 0)).toEqual(recordedExhaustive);
  });
});
