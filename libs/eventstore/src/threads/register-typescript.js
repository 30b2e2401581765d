// Loads TypeScript sources inside a worker thread (see source-worker.ts) when the code runs from sources
// (tests, `npm start`, the bench). Plain JavaScript on purpose: the native transpiler used by the main thread
// (@swc-node/register) crashes a process whose worker threads loaded it (SIGSEGV under Jest), so the
// thread transpiles with the `typescript` package instead, caching each file's output on disk by its
// path, size and mtime so that only the first thread after a change pays for loading the compiler.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const tsconfigFile = process.env.HOPE_TSCONFIG;
const root = dirname(tsconfigFile);
const cacheDir = join(root, 'node_modules', '.cache', 'hope-worker-threads');

let ts;
const compilerOptions = () => ({
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
});

function transpile(filename) {
  const stat = statSync(filename);
  const key = createHash('sha1').update(`${filename}\0${stat.size}\0${stat.mtimeMs}`).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    ts ??= require('typescript');
    const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions: compilerOptions() });
    try {
      // Written aside and renamed: threads of several processes may compile the same file at once.
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(partial, outputText);
      renameSync(partial, cached);
    } catch {
      // A read-only tree: the cache is an optimisation only.
    }
    return outputText;
  }
}

require.extensions['.ts'] = (module, filename) => module._compile(transpile(filename), filename);

// The workspace's path aliases (@hope/*), as in tsconfig.base.json.
const { loadConfig, register } = require('tsconfig-paths');
const config = loadConfig(tsconfigFile);
if (config.resultType === 'success') register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
