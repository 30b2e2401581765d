import { DevIssuer, type Role } from '@hope/platform';

export interface Caller {
  readonly sub: string;
  readonly role: Role;
  readonly org?: string;
}

/**
 * Bearer tokens the service processes accept: they run with AUTH_DEV_SECRET, so a DevIssuer with the
 * same secret signs tokens they verify. Tokens are cached per caller (they live an hour).
 */
export class DevTokens {
  private readonly cache = new Map<string, Promise<string>>();

  private constructor(private readonly issuer: DevIssuer) {}

  static async create(secret: string): Promise<DevTokens> {
    return new DevTokens(await DevIssuer.create({ issuer: 'hope', audience: 'hope', secret }));
  }

  /** Tokens from an issuer already there: an embedded platform's `devIssuer`. */
  static of(issuer: DevIssuer): DevTokens {
    return new DevTokens(issuer);
  }

  token(who: Caller): Promise<string> {
    const key = `${who.role}:${who.sub}:${who.org ?? ''}`;
    let token = this.cache.get(key);
    if (!token) {
      token = this.issuer.issue({ sub: who.sub, role: who.role, ...(who.org !== undefined ? { org: who.org } : {}) });
      this.cache.set(key, token);
    }
    return token;
  }
}
