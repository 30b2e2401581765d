import { Option, type Command } from 'commander';
import { DevIssuer, devSecretIn, isRole, loadPlatformConfig, ROLES, type Role } from '@hope/platform';

/** docker-compose.yml's default AUTH_JWT_SECRET (dev only; HOPE_DEV_JWT_SECRET overrides it there and here). */
export const COMPOSE_DEV_SECRET = 'hope-dev-only-hs256-secret-never-in-prod-0123456789';

export interface MintTokenOptions {
  readonly secret?: string;
  readonly sub: string;
  readonly role: Role;
  readonly org?: string;
  readonly ttl: number;
  readonly issuer: string;
  readonly audience: string;
}

/** An HS256 token, as the dev issuer of the embedded platform or a stack verifying with AUTH_JWT_SECRET signs it. */
export async function mintToken(o: MintTokenOptions): Promise<string> {
  if (!o.secret || o.secret.length < 32) throw new Error('the HS256 secret is needed, at least 32 characters: --secret or AUTH_JWT_SECRET');
  const issuer = await DevIssuer.create({ issuer: o.issuer, audience: o.audience, secret: o.secret });
  return issuer.issue({ sub: o.sub, role: o.role, ...(o.org !== undefined ? { org: o.org } : {}) }, o.ttl);
}

interface TokenCommandOptions {
  role: string;
  sub?: string;
  org?: string;
  ttl?: string;
  dataDir: string;
  secret?: string;
  stack: 'embedded' | 'compose';
  issuer?: string;
  audience?: string;
}

/**
 * `hope token --role R [--sub S] [--org O]`: a token to try HOPE as anyone.
 * - embedded (default): signed with the secret `npm start` keeps in its data directory (or AUTH_DEV_SECRET);
 * - `--stack compose`, `--secret` or AUTH_JWT_SECRET: for a stack that verifies HS256 with AUTH_JWT_SECRET
 *   (the dev compose stack, the dev overlay), e.g. the services' AUTH_SERVICE_TOKEN with --role service.
 * Production verifies against the identity provider's JWKS and never sees a token minted here.
 */
export function addTokenCommand(program: Command): void {
  program
    .command('token')
    .description('mint a dev token: for the embedded platform (default) or a dev stack with AUTH_JWT_SECRET (--stack compose, --secret)')
    .addOption(new Option('--role <role>', 'who the token speaks for').choices([...ROLES]).makeOptionMandatory())
    .option('--sub <subject>', 'the subject (default: dev-<role>, or service:<stack> for a service)')
    .option('--org <organisationId>', 'the organisation an enterprise token names (membership is still checked by the services)')
    .option('--ttl <seconds>', 'lifetime in seconds (default 12 h embedded, 30 days compose; the services cap it)')
    .addOption(new Option('--stack <stack>', 'which stack verifies it').choices(['embedded', 'compose']).default('embedded'))
    .option('--secret <secret>', "the stack's AUTH_JWT_SECRET (default: $AUTH_JWT_SECRET)")
    .option('--data-dir <dir>', 'data directory of the embedded platform', process.env.DATA_DIR ?? '.data')
    .option('--issuer <iss>', 'AUTH_JWT_ISSUER of the stack (default: $AUTH_JWT_ISSUER or hope)')
    .option('--audience <aud>', 'AUTH_JWT_AUDIENCE of the stack (default: $AUTH_JWT_AUDIENCE or hope)')
    .action(async (o: TokenCommandOptions) => {
      if (!isRole(o.role)) throw new Error(`unknown role ${o.role}`);
      const hs256 = o.secret ?? process.env.AUTH_JWT_SECRET ?? (o.stack === 'compose' ? (process.env.HOPE_DEV_JWT_SECRET ?? COMPOSE_DEV_SECRET) : undefined);
      const config = loadPlatformConfig({ ...process.env, SERVICE_NAME: 'hope-cli', AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: undefined, AUTH_DEV_MODE: 'true', NODE_ENV: 'development' });
      const secret = hs256 ?? (config.auth.keys.kind === 'dev' ? (config.auth.keys.devSecret ?? devSecretIn(o.dataDir, { create: false })) : undefined);
      if (!secret) throw new Error(`no dev secret in ${o.dataDir} (start HOPE once with npm start, set AUTH_DEV_SECRET, or give --secret / --stack compose)`);
      const ttl = o.ttl !== undefined ? Number(o.ttl) : hs256 ? 30 * 86_400 : 12 * 3_600;
      if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`--ttl must be a positive number of seconds, got ${o.ttl}`);
      const sub = o.sub ?? (o.role === 'service' ? `service:${o.stack}` : `dev-${o.role}`);
      const token = await mintToken({ secret, sub, role: o.role, ttl, issuer: o.issuer ?? config.auth.issuer, audience: o.audience ?? config.auth.audience, ...(o.org ? { org: o.org } : {}) });
      process.stdout.write(`${token}\n`);
    });
}
