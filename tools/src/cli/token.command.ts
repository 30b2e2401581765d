import { Option, type Command } from 'commander';
import { DevIssuer, ROLES, type Role } from '@hope/platform';

export interface MintTokenOptions {
  readonly secret?: string;
  readonly sub: string;
  readonly role: Role;
  readonly org?: string;
  readonly ttl: number;
  readonly issuer: string;
  readonly audience: string;
}

/**
 * An HS256 token for a stack that verifies with AUTH_JWT_SECRET (the dev compose stack, the dev
 * overlay): the services' AUTH_SERVICE_TOKEN, or an operator's. Production verifies against the
 * identity provider's JWKS and never sees a token minted here.
 */
export async function mintToken(o: MintTokenOptions): Promise<string> {
  if (!o.secret || o.secret.length < 32) throw new Error('the HS256 secret is needed, at least 32 characters: --secret or AUTH_JWT_SECRET');
  const issuer = await DevIssuer.create({ issuer: o.issuer, audience: o.audience, secret: o.secret });
  return issuer.issue({ sub: o.sub, role: o.role, ...(o.org !== undefined ? { org: o.org } : {}) }, o.ttl);
}

export function addTokenCommand(program: Command): void {
  program
    .command('token')
    .description('mint an HS256 token for a dev stack (AUTH_JWT_SECRET): e.g. the services\' AUTH_SERVICE_TOKEN with --role service')
    .option('--secret <secret>', 'the stack\'s AUTH_JWT_SECRET (default: $AUTH_JWT_SECRET, else the compose dev secret)', process.env.AUTH_JWT_SECRET ?? process.env.HOPE_DEV_JWT_SECRET ?? COMPOSE_DEV_SECRET)
    .option('--sub <subject>', 'the subject', 'service:compose')
    .addOption(new Option('--role <role>', 'the role').choices([...ROLES]).default('service'))
    .option('--org <organisation>', 'the organisation (enterprise tokens)')
    .option('--ttl <seconds>', 'lifetime; the stack must accept it (AUTH_MAX_TOKEN_LIFETIME_SECONDS)', (v) => Number.parseInt(v, 10), 30 * 86_400)
    .option('--issuer <iss>', 'AUTH_JWT_ISSUER', process.env.AUTH_JWT_ISSUER ?? 'hope')
    .option('--audience <aud>', 'AUTH_JWT_AUDIENCE', process.env.AUTH_JWT_AUDIENCE ?? 'hope')
    .action(async (o: MintTokenOptions) => {
      process.stdout.write(`${await mintToken(o)}\n`);
    });
}

/** docker-compose.yml's default AUTH_JWT_SECRET (dev only; HOPE_DEV_JWT_SECRET overrides it there and here). */
export const COMPOSE_DEV_SECRET = 'hope-dev-only-hs256-secret-never-in-prod-0123456789';
