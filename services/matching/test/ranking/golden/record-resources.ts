/** Records golden/resources.json from the resource index as it is now (see resource-corpus.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourceDigests } from '../resource-corpus';

const digests = resourceDigests();
writeFileSync(join(__dirname, 'resources.json'), `${JSON.stringify(digests)}\n`);
process.stdout.write(`${digests.length} resource searches recorded\n`);
