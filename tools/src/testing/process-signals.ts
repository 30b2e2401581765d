import { readdirSync, readFileSync } from 'node:fs';

/**
 * Pids of this user's processes whose command line contains `fragment` (e.g. a test broker's own
 * config path, unique to it): how a test finds the JVM its harness started, to pause it.
 */
export function pidsByCommandLine(fragment: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(fragment)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** SIGSTOP: the process keeps its sockets and answers nothing until `resume` (SIGCONT). */
export function pauseProcess(pid: number): { resume(): void } {
  process.kill(pid, 'SIGSTOP');
  let resumed = false;
  const resume = () => {
    if (resumed) return;
    resumed = true;
    process.kill(pid, 'SIGCONT');
  };
  // Never leave a stopped process behind if the test dies first.
  process.once('exit', resume);
  return { resume };
}
