#!/usr/bin/env node
// `npx hope`: in the workspace it runs the TypeScript CLI through swc; in the production image (dev
// dependencies pruned, so no swc) it runs the compiled one from dist/.
const { join } = require('node:path');
let swc;
try {
  swc = require.resolve('@swc-node/register');
} catch {
  swc = undefined;
}
// Exit codes: 0 clean, 1 findings (verify, dlq list), 2 an error (bad arguments, unreachable, missing store).
const run = (cli) =>
  cli
    .buildCli()
    .exitOverride()
    .parseAsync(process.argv)
    .catch((error) => {
      if (error && error.code && String(error.code).startsWith('commander.')) process.exit(error.exitCode === 0 ? 0 : 2);
      process.stderr.write(`hope: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    });
if (swc) {
  process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '../../tsconfig.json');
  require(swc);
  run(require('../src/cli/hope.ts'));
} else {
  require('../src/runtime/register-paths.js');
  run(require('../../dist/tools/src/cli/hope.js'));
}
