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
const run = (cli) =>
  cli.buildCli().parseAsync(process.argv).catch((error) => {
    process.stderr.write(`hope: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
if (swc) {
  process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '../../tsconfig.json');
  require(swc);
  run(require('../src/cli/hope.ts'));
} else {
  require('../src/runtime/register-paths.js');
  run(require('../../dist/tools/src/cli/hope.js'));
}
