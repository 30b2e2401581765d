import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker, threadExecArgv } from './source-worker';

const answerOf = (worker: Worker) =>
  new Promise<{ execArgv: string[]; compared: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });

describe('startWorker: a thread from TypeScript sources, whatever flags the parent runs with', () => {
  it('given V8, profiling and native-transpiler flags on the parent, when a thread starts, then it runs without them and keeps the module flags', async () => {
    // Given the flags a bench or an operator starts node with (V8 heap and GC flags, a profiler, swc)
    const parent = ['--expose-gc', '--max-semi-space-size=16', '--max-old-space-size=4096', '--cpu-prof-dir=/tmp', '-r', '@swc-node/register', '--enable-source-maps', '--conditions=development'];
    // When a thread starts from sources with them
    const worker = startWorker(join(__dirname, 'echo.fixture'), true, { execArgv: parent });
    try {
      const answer = await answerOf(worker);
      // Then it ran TypeScript with a workspace alias, and holds only the module-loading flags
      expect(answer.compared).toBeLessThan(0);
      expect(answer.execArgv).toEqual(['--enable-source-maps', '--conditions=development']);
    } finally {
      await worker.terminate();
    }
  });

  it('keeps every module-loading flag except the native transpiler, in order', () => {
    expect(threadExecArgv(['--require', './a.js', '-r', '@swc-node/register', '--import=./b.mjs', '--require=@swc-node/register', '--no-warnings', '--cpu-prof', '--trace-gc', '--title=x'])).toEqual(['--require', './a.js', '--import=./b.mjs', '--no-warnings', '--cpu-prof']);
  });
});
