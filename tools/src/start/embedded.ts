import 'reflect-metadata';
import { resolve } from 'node:path';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { ROLES, startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { seedDemoData } from './demo-data';

/**
 * `npm start`: the four services in this process (embedded mode), durable under DATA_DIR (default
 * .data/). Prints each service's URL, its Swagger UI and a dev token per role.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  // Startup chatter would bury the URLs and tokens; LOG_LEVEL=info brings it back.
  const env = { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const platform = await startEmbeddedPlatform({ services: [demandService, matchingService, consultingService, pointsService], dataDir, env });
  const out = (line = '') => process.stdout.write(`${line}\n`);

  out();
  out(`HOPE is running in embedded mode (data: ${dataDir})`);
  for (const [name, s] of platform.services) out(`  ${name.padEnd(11)} ${s.url}   docs ${s.url}/docs   health ${s.url}/health/ready`);
  out();
  out('Dev tokens (valid 12 h, also after a restart; send as "Authorization: Bearer <token>").');
  out('Paste these into your shell; `npx hope token --role R --sub S [--org O]` mints others:');
  for (const role of ROLES) {
    const token = await platform.devIssuer.issue({ sub: `dev-${role}`, role, ...(role === 'enterprise' ? { org: 'org-haier-demo' } : {}) }, 12 * 3600);
    out(`  export ${role.toUpperCase()}_TOKEN=${token}`);
  }
  out();
  await seedDemoData(platform, out);
  installShutdown(platform);
}

function installShutdown(platform: EmbeddedPlatform): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping (in-flight work finishes first)...\n`);
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`HOPE failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
