// Production runtime: `tsc -p tsconfig.build.json` keeps the workspace layout under dist/, and this
// maps the @hope/* imports onto it (the same aliases tsconfig.base.json gives the compiler and jest).
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../../tsconfig.base.json');

const paths = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  paths[alias] = [target.replace(/\.ts$/, '.js')];
}
tsconfigPaths.register({ baseUrl: path.resolve(__dirname, '../../../dist'), paths });
