import 'reflect-metadata';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { startEmbeddedPlatform } from '@hope/platform';
import { seedDemoData } from '../start/demo-data';

/**
 * The embedded platform as one OS process for fault tests: on DATA_DIR, free ports, tokens signed with
 * AUTH_DEV_SECRET (so a test's DevTokens work across restarts). SEED=1 seeds the demo data first. Prints
 * `HOPE_URLS {"demand":...}` once every service is ready. A test SIGKILLs it and starts it again.
 */
async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error('DATA_DIR is required');
  const platform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir, freePorts: true, env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } });
  if (process.env.SEED === '1') await seedDemoData(platform, () => undefined);
  const urls = Object.fromEntries([...platform.services].map(([name, s]) => [name, s.url]));
  process.stdout.write(`HOPE_URLS ${JSON.stringify(urls)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
