import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { AuthConfig } from '../config/platform-config';
import { UnauthorizedError } from '../errors/domain-errors';
import type { DevIssuer } from './dev-issuer';
import { isRole, type Principal } from './principal';

export interface TokenVerifierOptions {
  /** How many verified tokens are remembered (least recently used go first). Default 10,000; 0 = none. */
  readonly cachedTokens?: number;
  /** Milliseconds since the epoch (tests move it). */
  readonly now?: () => number;
}

interface Verified {
  readonly principal: Principal;
  /** `exp` in milliseconds: the token is answered from memory until then, never after. */
  readonly expiresAt: number;
}

/**
 * Turns a bearer token into a Principal, or throws UnauthorizedError saying why (never leaking keys).
 * A token verified once is remembered by its exact text until its `exp` (a bounded LRU): a signature
 * check is pure, so the same string verified again gives the same answer until it expires, and a
 * client sends the same token with every request. Refusals are not remembered.
 */
export class TokenVerifier {
  private readonly key: KeyLike | Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, Verified>();
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(
    private readonly auth: AuthConfig,
    devIssuer?: DevIssuer,
    options: TokenVerifierOptions = {},
  ) {
    this.capacity = options.cachedTokens ?? 10_000;
    this.now = options.now ?? Date.now;
    switch (auth.keys.kind) {
      case 'jwks':
        // jose caches the key set and refetches on an unknown `kid`, so key rotation needs no restart.
        this.key = createRemoteJWKSet(new URL(auth.keys.jwksUrl));
        this.algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
        break;
      case 'hs256':
        this.key = new TextEncoder().encode(auth.keys.secret);
        this.algorithms = ['HS256'];
        break;
      case 'dev':
        if (devIssuer === undefined) throw new Error('Auth is in dev mode but no DevIssuer was provided');
        this.key = devIssuer.verificationKey;
        this.algorithms = [devIssuer.algorithm];
        break;
    }
  }

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const known = this.verified.get(token);
    if (known !== undefined) {
      this.verified.delete(token);
      if (now < known.expiresAt) {
        this.verified.set(token, known);
        return known.principal;
      }
    }
    return this.verifyAt(token, now);
  }

  private async verifyAt(token: string, now: number): Promise<Principal> {
    let payload: JWTPayload;
    try {
      // A token without `exp` would be valid forever once leaked: refused, as is one minted to live too long.
      const verifyOptions = { issuer: this.auth.issuer, audience: this.auth.audience, algorithms: this.algorithms, requiredClaims: ['exp'], currentDate: new Date(now) };
      // Two calls because jose's overloads differ for a key and a key-resolver function.
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, verifyOptions)).payload
          : (await jwtVerify(token, this.key, verifyOptions)).payload;
    } catch (e) {
      throw new UnauthorizedError('AUTH.INVALID_TOKEN', reasonOf(e));
    }
    const maxLifetime = this.auth.maxTokenLifetimeSeconds ?? 86_400;
    const from = payload.iat ?? Math.floor(now / 1000);
    if (payload.exp! - from > maxLifetime) {
      throw new UnauthorizedError('AUTH.INVALID_TOKEN', `The token lives longer than the ${maxLifetime} s this service accepts`);
    }
    const principal = principalFrom(payload);
    this.remember(token, { principal, expiresAt: payload.exp! * 1000 });
    return principal;
  }

  private remember(token: string, verified: Verified): void {
    if (this.capacity <= 0) return;
    this.verified.set(token, verified);
    if (this.verified.size > this.capacity) this.verified.delete(this.verified.keys().next().value!);
  }
}

function reasonOf(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'exp') return 'The token has no expiry (exp)';
  return 'The token is invalid';
}

export function principalFrom(payload: JWTPayload): Principal {
  const { sub, role, org } = payload as JWTPayload & { role?: unknown; org?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'The token has no subject');
  if (!isRole(role)) throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'The token has no valid role');
  if (org !== undefined && (typeof org !== 'string' || org === '')) {
    throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'The token has an invalid organisation');
  }
  // Enterprise actions are tenant-scoped; without an organisation there is no tenant to check against.
  if (role === 'enterprise' && org === undefined) {
    throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'An enterprise token must carry an organisation');
  }
  return org === undefined ? { subject: sub, role } : { subject: sub, role, organisationId: org };
}
