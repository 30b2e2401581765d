import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The workspace root: this file is libs/eventstore/src/threads/source-worker.{ts,js}. */
const WORKSPACE = join(__dirname, '..', '..', '..', '..');

/** The parent's flags minus a preloaded native transpiler (`-r @swc-node/register`), which threads must not load. */
function withoutSwc(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if ((arg === '-r' || arg === '--require') && execArgv[i + 1]?.includes('@swc-node/register')) i++;
    else if (!arg.includes('@swc-node/register')) out.push(arg);
  }
  return out;
}

/**
 * Starts a worker thread on `entry` (an absolute path without extension) whether the caller runs from a
 * build or from TypeScript sources. A build (`__filename` ends in .js) loads `entry.js` directly. From
 * sources (tests, `npm start`, the bench) the thread first registers register-typescript.js, a
 * pure-JavaScript transpiler with the workspace's @hope/* aliases: the native one the main thread uses
 * (@swc-node/register) crashes a process whose worker threads load it (SIGSEGV, seen under Jest).
 */
export function startWorker(entry: string, fromSources: boolean, options: WorkerOptions = {}): Worker {
  if (!fromSources) return new Worker(`${entry}.js`, options);
  const register = join(__dirname, 'register-typescript.js');
  return new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(`${entry}.ts`)});`, {
    ...options,
    eval: true,
    execArgv: withoutSwc(options.execArgv ?? process.execArgv),
    env: { ...(options.env && typeof options.env === 'object' ? options.env : process.env), HOPE_TSCONFIG: join(WORKSPACE, 'tsconfig.json') },
  });
}
