import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLIENT_DIR, clientFiles, driftedFiles } from './client-files';
import { serviceDocuments } from './service-documents';

/**
 * `npm run client:generate`: rewrites libs/client's documents and types from the services as they are.
 * `--check` writes nothing and exits 1 naming the files that differ (the contract spec runs it: jest
 * cannot load openapi-typescript, an ES module, in its own module system).
 */
async function main(check: boolean): Promise<number> {
  const files = await clientFiles(await serviceDocuments());
  if (check) {
    const drifted = driftedFiles(files);
    for (const path of drifted) process.stdout.write(`drifted: libs/client/${path}\n`);
    return drifted.length === 0 ? 0 : 1;
  }
  for (const [path, text] of files) {
    const target = join(CLIENT_DIR, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    process.stdout.write(`wrote libs/client/${path}\n`);
  }
  return 0;
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
