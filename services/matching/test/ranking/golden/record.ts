/** Records golden/rankings.json from the index as it is now (see equivalence-corpus.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExpertIndex } from '../../../src/domain/ranking/expert-index';
import { defaultAnalyzer } from '../../../src/language/language';
import { equivalenceCorpus, rankingDigest } from '../equivalence-corpus';

const { experts, queries } = equivalenceCorpus();
const index = new ExpertIndex(defaultAnalyzer());
for (const e of experts) index.upsert(e);
writeFileSync(join(__dirname, 'rankings.json'), `${JSON.stringify(queries.map((q) => rankingDigest(index, q)), null, 0)}\n`);
process.stdout.write(`${queries.length} rankings recorded\n`);
