import { Option, type Command } from 'commander';
import { DevIssuer, devSecretIn, isRole, loadPlatformConfig, ROLES } from '@hope/platform';

/**
 * `hope token --role R --sub S [--org O]`: a dev token for the embedded platform, signed with the
 * secret in its data directory (or AUTH_DEV_SECRET), so tenancy can be tried as anyone from outside.
 */
export function addTokenCommand(program: Command): void {
  program
    .command('token')
    .description('mint a dev token for the embedded platform (npm start): any role, subject and organisation')
    .addOption(new Option('--role <role>', 'who the token speaks for').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--sub <subject>', 'the subject, e.g. demo-expert-li or dev-enterprise')
    .option('--org <organisationId>', 'the organisation an enterprise token names (membership is still checked by the services)')
    .option('--ttl <seconds>', 'lifetime in seconds (the services accept at most 24 h)', '43200')
    .option('--data-dir <dir>', 'data directory of the embedded platform', process.env.DATA_DIR ?? '.data')
    .action(async (o: { role: string; sub: string; org?: string; ttl: string; dataDir: string }) => {
      if (!isRole(o.role)) throw new Error(`unknown role ${o.role}`);
      const ttl = Number(o.ttl);
      if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`--ttl must be a positive number of seconds, got ${o.ttl}`);
      const config = loadPlatformConfig({ ...process.env, SERVICE_NAME: 'hope-cli' });
      const secret = config.auth.keys.kind === 'dev' ? (config.auth.keys.devSecret ?? devSecretIn(o.dataDir, { create: false })) : undefined;
      if (!secret) throw new Error(`no dev secret in ${o.dataDir} (start HOPE once with npm start, or set AUTH_DEV_SECRET)`);
      const issuer = await DevIssuer.create({ issuer: config.auth.issuer, audience: config.auth.audience, secret });
      process.stdout.write(`${await issuer.issue({ sub: o.sub, role: o.role, ...(o.org ? { org: o.org } : {}) }, ttl)}\n`);
    });
}
