import type { Type } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import type { LeaseProvider } from '@hope/messaging';

/**
 * Work that time triggers (unlock pending points, expire requests at 72 h...). A job reads the clock,
 * decides, and appends events like any command, so a replay of the store gives the same result; the
 * scheduler only decides when it runs. With several replicas, one runs a job at a time (a lease).
 * Tests call `run()` directly with a manual clock. A job's `run()` is usually one `forEachCandidate` loop:
 * a read model nominates, each candidate is decided on its own.
 */
export interface ScheduledJob {
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<void>;
}

export function startScheduledJobs(opts: {
  app: INestApplicationContext;
  jobs: readonly Type<ScheduledJob>[];
  service: string;
  holder: string;
  lease: LeaseProvider;
  logger: () => Logger;
}): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();
  for (const jobClass of opts.jobs) {
    const job = opts.app.get(jobClass, { strict: false });
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const leaseName = `job:${opts.service}:${job.name}`;
      const p = (async () => {
        if (!(await opts.lease.acquireLease(leaseName, opts.holder, Math.max(job.everyMs * 2, 10_000)))) return;
        await job.run();
      })()
        .catch((error: unknown) => opts.logger().error({ err: error, job: job.name }, 'scheduled job failed; it runs again at its next tick'))
        .finally(() => {
          busy = false;
          inFlight.delete(p);
        });
      inFlight.add(p);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.all(inFlight);
  };
}
