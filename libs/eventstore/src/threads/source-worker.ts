import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The workspace root: this file is libs/eventstore/src/threads/source-worker.{ts,js}. */
const WORKSPACE = join(__dirname, '..', '..', '..', '..');

/**
 * The parent's flags a thread may be given: module loading (`-r`/`--require`, `--import`, `--loader`,
 * `--conditions`), source maps, warnings, and `--cpu-prof`/`--heap-prof` (each thread writes its own profile). A preloaded native transpiler (`-r @swc-node/register`)
 * is dropped: threads must not load it. So are V8 and process-wide flags (`--expose-gc`,
 * `--max-old-space-size`, `--max-semi-space-size`, `--cpu-prof-dir=`, `--title`…): a Worker given them
 * explicitly refuses to start (ERR_WORKER_INVALID_EXEC_ARGV), and a thread's heap is set by `resourceLimits`.
 */
export function threadExecArgv(execArgv: readonly string[]): string[] {
  const withValue = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions']);
  const alone = /^(--cpu-prof|--heap-prof|--enable-source-maps|--no-warnings|--no-deprecation|--trace-warnings|--trace-uncaught|--experimental-[\w-]+|--no-experimental-[\w-]+)$/;
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (withValue.has(arg)) {
      const value = execArgv[i + 1];
      i++;
      if (value !== undefined && !value.includes('@swc-node/register')) out.push(arg, value);
    } else if (/^(--require|--import|--loader|--experimental-loader|--conditions)=/.test(arg)) {
      if (!arg.includes('@swc-node/register')) out.push(arg);
    } else if (alone.test(arg)) out.push(arg);
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
    execArgv: threadExecArgv(options.execArgv ?? process.execArgv),
    env: { ...(options.env && typeof options.env === 'object' ? options.env : process.env), HOPE_TSCONFIG: join(WORKSPACE, 'tsconfig.json') },
  });
}
